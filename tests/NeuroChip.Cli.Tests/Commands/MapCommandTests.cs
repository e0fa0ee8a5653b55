using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Serialization;

namespace NeuroChip.Cli.Tests.Commands;

/// <summary><c>neurochip map</c> on examples/small-net.json: in(4) → affine(3) → IF → affine(2) → IF → out.</summary>
public sealed class MapCommandTests
{
    [Fact]
    public async Task Map_SmallNetOnTinyChip_WritesAValidImageWithTheGraphsWeightsInThresholdUnits()
    {
        using var dir = new TempDirectory();
        CliResult result = (await CliProcess.RunAsync(dir.Path, "map", CliProcess.Example("small-net.json"), "--chip", "nc-tiny", "--out", dir.File("img.json"))).Succeeded();

        // 3 + 2 IF neurons. Every row is dense (contiguous targets), so zero weights are stored too: fc1 is 4 rows of 3,
        // fc2 3 rows of 2, 12 + 6 = 18 synapses. Each layer is one population, so one core each: 2 of nc-tiny's 8.
        Assert.Contains("5 neurons, 18 synapses compiled onto nc-tiny", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 of 8 cores used", result.Output, StringComparison.Ordinal);
        Assert.Contains("passed", result.Output, StringComparison.Ordinal);

        ChipImage image = ChipImageFile.Read(dir.File("img.json"));
        Assert.Empty(ChipImageValidator.Validate(image));
        Assert.Equal("nc-tiny", image.Chip.Name);
        Assert.Equal([3, 2], image.Cores.Select(c => c.Neurons.Count));

        // vThreshold 1 becomes threshold mantissa 4096, so 1.0 = 4096 << 6 in v and a weight w must add w · 4096 << 6:
        // (mantissa << exponent) = w · 4096. The example's weights are dyadic (±0.25, 0.5, 0.75, 1), so exactly.
        // fc1 (3 × 4, row-major) read by input channel c is its column c; fc2 (2 × 3) by hidden neuron h its column h.
        float[][] fc1Columns = [[0.5f, 0f, -0.5f], [0.25f, 0.5f, 0f], [0f, 0.5f, 0.25f], [-0.25f, 0f, 0.75f]];
        float[][] fc2Columns = [[1f, -0.5f], [-0.5f, 1f], [0.5f, 0.25f]];
        Assert.All(image.Cores, c => Assert.Equal(4096, Assert.Single(c.Profiles).ThresholdMantissa));
        AssertRows(image.Cores[0], fc1Columns);
        AssertRows(image.Cores[1], fc2Columns);

        // Input port "in" has 4 channels, one per fc1 row on core 0; readout "out" lists the two neurons of core 1.
        SpikePort input = Assert.Single(image.SpikeInputs);
        Assert.Equal(("in", 4), (input.Name, input.Channels.SourceCount));
        NeuronPort readout = Assert.Single(image.Readouts);
        Assert.Equal("out", readout.Name);
        Assert.Equal([1, 1], readout.Cores);
        Assert.Equal([0, 1], readout.Neurons);

        // Bias 0.05 and 0.1 per tick are 0.05 · 2^18 = 13,107.2 and 26,214.4 in v; the 13-bit mantissa and 3-bit exponent
        // give 3,277 · 2^2 = 13,108 and 3,277 · 2^3 = 26,216, the nearest they can hold.
        NeuronTable hidden = image.Cores[0].Neurons;
        Assert.Equal([13_108, 0, 26_216], hidden.BiasMantissa.Zip(hidden.BiasExponent, (m, e) => m << e));
    }

    [Fact]
    public async Task Map_MissingNetworkFile_ExitCode2WithTheFileNamed()
    {
        using var dir = new TempDirectory();
        CliResult result = await CliProcess.RunAsync(dir.Path, "map", dir.File("absent.json"), "--out", dir.File("img.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("absent.json", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("img.json")));
    }

    private static void AssertRows(CoreConfig core, float[][] columns)
    {
        Assert.Equal(columns.Length, core.Axons.Count);
        for (int axon = 0; axon < columns.Length; axon++)
        {
            SynapseRow row = core.Axons[axon];
            float[] effective = row.Weights.Select(w => (w << row.WeightExponent) / 4096f).ToArray();
            Assert.Equal(columns[axon], effective);
        }
    }
}
