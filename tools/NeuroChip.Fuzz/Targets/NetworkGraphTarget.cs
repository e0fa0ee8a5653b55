using NeuroChip.Mapping.Graph;

namespace NeuroChip.Fuzz.Targets;

/// <summary>Network graph JSON through <see cref="NetworkGraphJson.Parse"/> (parse and shape inference).</summary>
internal sealed class NetworkGraphTarget : FuzzTarget
{
    public override string Name => "networkgraph";

    public override string Description => "NetworkGraph JSON -> NetworkGraphJson.Parse (src/Mapping/Graph)";

    public override void Parse(byte[] input) => NetworkGraphJson.Parse(JsonText.Decode(input), "fuzz.json");
}
