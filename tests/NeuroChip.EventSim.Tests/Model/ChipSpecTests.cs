using System.Text.Json;
namespace NeuroChip.EventSim.Tests.Model;

public sealed class ChipSpecTests
{
    [Fact]
    public void LoadPreset_NcRef_HasTheLoihiFigures()
    {
        // Davies et al. 2018: 128 cores, 1,024 neurons, 128 KiB synapse memory, 4,096 fan-in and fan-out per core;
        // 23.6 pJ per synaptic op, 81/52 pJ per active/idle update, 1.7 pJ in-tile, 3.0/4.0 pJ per E-W/N-S hop.
        ChipSpec spec = ChipSpecLoader.LoadPreset("nc-ref");
        Assert.Equal(128, spec.CoreCount);
        Assert.Equal((1024, 128L * 1024 * 8, 4096, 4096), (spec.Core.MaxNeurons, spec.Core.SynapseMemoryBits, spec.Core.MaxFanInAxons, spec.Core.MaxFanOutRoutes));
        Assert.Equal(
            (23.6, 81.0, 52.0, 1.7, 3.0, 4.0),
            (spec.Energy.SynapticOp.Value, spec.Energy.NeuronUpdateActive.Value, spec.Energy.NeuronUpdateIdle.Value,
             spec.Energy.SpikeInTile.Value, spec.Energy.HopEastWest.Value, spec.Energy.HopNorthSouth.Value));
        Assert.All(spec.Energy.All(), c => Assert.False(string.IsNullOrWhiteSpace(c.Coefficient.Source)));
    }

    [Fact]
    public void Presets_RoundTripThroughJson()
    {
        foreach (string name in ChipSpecLoader.PresetNames)
        {
            ChipSpec spec = ChipSpecLoader.LoadPreset(name);
            string json = JsonSerializer.Serialize(spec, Json.Options);
            FieldComparer.AssertEqual(spec, ChipSpecLoader.Parse(json, name));
        }
    }

    [Theory]
    [InlineData("\"maxNeurons\": 1024", "\"maxNeurons\": -5", "$.core.maxNeurons = -5: allowed range is 1..262144")]
    [InlineData("\"weightMantissaBits\": 8", "\"weightMantissaBits\": 9", "$.formats.weightMantissaBits = 9: allowed range is 1..8")]
    [InlineData("\"maxDelayTicks\": 62", "\"maxDelayTicks\": 70", "$.formats.maxDelayTicks = 70: allowed range is 0..62")]
    [InlineData("\"stateBits\": 24", "\"stateBits\": 32", "$.formats.stateBits = 32")]
    [InlineData("\"unit\": \"mW\"", "\"unit\": \"W\"", "$.energy.staticPower.unit = \"W\": allowed value is \"mW\"")]
    [InlineData("\"tilesX\": 8", "\"tilesX\": 0", "$.mesh.tilesX = 0: allowed range is 1..1024")]
    public void Parse_OutOfRangeField_NamesPathValueAndRange(string from, string to, string expected)
    {
        string json = ReadPresetJson().Replace(from, to, StringComparison.Ordinal);
        var e = Assert.Throws<UserInputException>(() => ChipSpecLoader.Parse(json, "my.json"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_UnknownField_IsRefusedWithItsPath()
    {
        string json = ReadPresetJson().Replace("\"maxNeurons\": 1024", "\"maxNeurons\": 1024, \"maxNeuronz\": 3", StringComparison.Ordinal);
        var e = Assert.Throws<UserInputException>(() => ChipSpecLoader.Parse(json, "my.json"));
        Assert.Contains("$.core", e.Message);
        Assert.Contains("maxNeuronz", e.Message);
    }

    [Fact]
    public void Parse_MissingRequiredSection_SaysWhichProperty()
    {
        var e = Assert.Throws<UserInputException>(() => ChipSpecLoader.Parse("{\"name\": \"x\"}", "my.json"));
        Assert.Contains("mesh", e.Message);
    }

    [Fact]
    public void Load_UnknownPreset_ListsThePresets()
    {
        var e = Assert.Throws<UserInputException>(() => ChipSpecLoader.Load("loihi-9"));
        Assert.Contains("nc-ref", e.Message);
        Assert.Contains("nc-tiny", e.Message);
    }

    private static string ReadPresetJson()
    {
        using Stream stream = typeof(ChipSpecLoader).Assembly.GetManifestResourceStream("NeuroChip.EventSim.Presets.nc-ref.json")!;
        return new StreamReader(stream).ReadToEnd();
    }
}
