using System.Diagnostics;
namespace NeuroChip.Mapping.Tests;

public sealed class FitCheckTests
{
    [Fact]
    public void Check_MillionInputsIntoIf_RefusedByEstimateInMilliseconds()
    {
        // 1,000,000 IF neurons at 1,024 per core need ⌈1,000,000 / 1,024⌉ = 977 cores; nc-ref has 128.
        NetworkGraph graph = Graphs.Chain(new InputNode { Name = "in", Shape = [1_000_000] }, Graphs.If("if"), new OutputNode { Name = "out" });
        var clock = Stopwatch.StartNew();

        FitCheckResult result = FitCheck.Check(graph, TestChips.Reference);

        clock.Stop();
        Assert.False(result.Fits);
        Assert.True(result.RefusedByEstimate);
        Assert.Equal("cores", result.Limit);
        Assert.Equal("if", result.Population);
        Assert.Equal(977, result.Required);
        Assert.Equal(128, result.Available);
        Assert.Equal(1_000_000, result.Neurons);
        Assert.Contains("needs 977 cores but chip 'nc-ref' has 128", result.Message, StringComparison.Ordinal);
        Assert.True(clock.ElapsedMilliseconds < 500, $"{clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Check_Shape65536Cubed_RefusedWithoutOverflow()
    {
        // 65,536³ = 2⁴⁸ = 281,474,976,710,656 neurons: more than an int holds, well inside a long.
        NetworkGraph graph = Graphs.Chain(new InputNode { Name = "in", Shape = [65536, 65536, 65536] }, Graphs.If("if"), new OutputNode { Name = "out" });

        FitCheckResult result = FitCheck.Check(graph, TestChips.Reference);

        Assert.False(result.Fits);
        Assert.True(result.RefusedByEstimate);
        Assert.Equal(281_474_976_710_656, result.Neurons);
    }

    [Fact]
    public void Check_Shape65536ToTheFourth_SaturatesInsteadOfWrapping()
    {
        // 2⁶⁴ wraps to 0 in a long; the estimate saturates at long.MaxValue, so the network is still refused.
        NetworkGraph graph = Graphs.Chain(new InputNode { Name = "in", Shape = [65536, 65536, 65536, 65536] }, Graphs.If("if"), new OutputNode { Name = "out" });

        FitCheckResult result = FitCheck.Check(graph, TestChips.Reference);

        Assert.False(result.Fits);
        Assert.Equal(long.MaxValue, result.Neurons);
    }

    [Fact]
    public void Check_DenseWeightsBeyondSynapseMemory_RefusedByEstimateNamingTheLimit()
    {
        // 64 × 64 non-zero weights = 4,096 synapses; a chip of 2 cores × 1,024 bits stores at most 2,048 even at one bit each.
        ChipSpec chip = TestChips.Small(neurons: 128) with { Mesh = new MeshSpec { TilesX = 1, TilesY = 1, CoresPerTile = 2 } };
        chip = chip with { Core = chip.Core with { SynapseMemoryBits = 1024 } };
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [64] },
            new LinearNode { Name = "fc", Weight = FloatTensor.Filled(0.5f, 64, 64) },
            Graphs.If("if"),
            new OutputNode { Name = "out" });

        FitCheckResult result = FitCheck.Check(graph, chip);

        Assert.Equal((false, true), (result.Fits, result.RefusedByEstimate));
        Assert.Equal(("synapse memory", 4096L, 2048L), (result.Limit, result.Required, result.Available));
    }

    [Fact]
    public void Check_SmallDenseNetwork_FitsWithExactCounts()
    {
        // in(8) → fc1 → lif(20) → fc2 → if(5): 25 neurons; the exact stage reports what the partitioner placed.
        FitCheckResult result = FitCheck.Check(Graphs.Dense(1), TestChips.Reference);

        Assert.True(result.Fits, result.Message);
        Assert.Equal(25, result.Neurons);
        Assert.True(result.Synapses > 0);
        Assert.True(result.Cores >= 1);
    }

    [Fact]
    public void Check_FitsTheEstimateButNotTheCores_RefusedByThePartitioner()
    {
        // 25 neurons need ⌈20 / 16⌉ + ⌈5 / 16⌉ = 3 cores and the 260 weights fit 3 × 256 bits at one bit each, so the
        // estimate passes; at the chip's real weight widths 256 bits hold only a few neurons' rows, so the partitioner
        // needs more slices than the 3 cores.
        ChipSpec small = TestChips.Small(neurons: 16) with { Mesh = new MeshSpec { TilesX = 1, TilesY = 1, CoresPerTile = 3 } };
        ChipSpec chip = small with { Core = small.Core with { SynapseMemoryBits = 256 } };

        FitCheckResult result = FitCheck.Check(Graphs.Dense(1), chip);

        Assert.False(result.Fits);
        Assert.False(result.RefusedByEstimate);
        Assert.Equal("partitioning", result.Limit);
        Assert.Contains("cores", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OneNeuronWithMoreInputsThanACoreHasAxons_RefusedNamingThePopulation()
    {
        // in(300) → if(300) → fc (10 × 300, all non-zero) → out(10): each output neuron hears 300 neurons, nc-ref cores
        // accept 4,096 axons, a chip with 256 accepts fewer than one neuron's inputs.
        ChipSpec chip = TestChips.Reference with { Core = TestChips.Reference.Core with { MaxFanInAxons = 256 } };
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [300] },
            Graphs.If("hidden"),
            new LinearNode { Name = "fc", Weight = FloatTensor.Filled(0.1f, 10, 300) },
            Graphs.If("readout"),
            new OutputNode { Name = "out" });

        FitCheckResult result = FitCheck.Check(graph, chip);

        Assert.False(result.Fits);
        Assert.True(result.RefusedByEstimate);
        Assert.Equal(("fan-in axons", "readout", 300L, 256L), (result.Limit, result.Population, result.Required, result.Available));
        Assert.Contains("fan-in axons = 300 exceed the core limit 256", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAnn_ReluLayersBeyondTheChip_RefusedBeforeConversion()
    {
        // An ANN whose ReLU layer alone has 200,000 units: more than nc-ref's 131,072 neurons.
        NetworkGraph ann = Graphs.Chain(
            new InputNode { Name = "in", Shape = [200_000] },
            new ReluNode { Name = "relu" },
            new OutputNode { Name = "out" });

        FitCheckResult result = FitCheck.CheckAnn(ann, TestChips.Reference, [], 0, new ConversionOptions());

        Assert.False(result.Fits);
        Assert.True(result.RefusedByEstimate);
        Assert.Equal("relu", result.Population);
    }
}
