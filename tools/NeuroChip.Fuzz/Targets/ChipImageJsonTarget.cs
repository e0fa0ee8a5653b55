using System.Text;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Fuzz.Targets;

/// <summary>Chip image JSON as <see cref="ChipImageFile.Read"/> reads a .json image: deserialize, then validate.</summary>
internal sealed class ChipImageJsonTarget : FuzzTarget
{
    public override string Name => "chipimage-json";

    public override string Description => "ChipImage JSON -> ChipImageJson.Deserialize + ChipImageValidator (src/EventSim/Serialization)";

    public override void Parse(byte[] input)
    {
        ChipImage image = ChipImageJson.Deserialize(JsonText.Decode(input), "fuzz.json");
        ChipImageValidator.ThrowIfInvalid(image, "fuzz.json");
    }

    public override IEnumerable<(string Name, byte[] Bytes)> GeneratedSeeds() =>
        SampleImages.All().Select(s => (s.Name, Encoding.UTF8.GetBytes(ChipImageJson.Serialize(s.Image))));
}

/// <summary>Chip images compiled from the repository's example graphs, as seeds for both image formats.</summary>
internal static class SampleImages
{
    public static IEnumerable<(string Name, ChipImage Image)> All()
    {
        foreach (string path in Directory.EnumerateFiles(Examples(), "*.json").Order(StringComparer.Ordinal))
        {
            NetworkGraph graph;
            try
            {
                graph = NetworkGraphJson.Read(path);
            }
            catch (NeuroChip.EventSim.UserInputException)
            {
                continue; // an input schedule, not a graph
            }

            yield return (Path.GetFileNameWithoutExtension(path), Compiler.Compile(graph, ChipSpecLoader.LoadPreset("nc-tiny")).Image);
        }
    }

    private static string Examples()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "examples");
            if (File.Exists(Path.Combine(dir, "NeuroChip.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/ not found above " + AppContext.BaseDirectory);
    }
}
