using NeuroChip.EventSim.Model;

namespace NeuroChip.Fuzz.Targets;

/// <summary>Chip spec JSON through <see cref="ChipSpecLoader.Parse"/> (parse and validate).</summary>
internal sealed class ChipSpecTarget : FuzzTarget
{
    public override string Name => "chipspec";

    public override string Description => "ChipSpec JSON -> ChipSpecLoader.Parse (src/EventSim/Model)";

    public override void Parse(byte[] input) => ChipSpecLoader.Parse(JsonText.Decode(input), "fuzz.json");
}
