namespace NeuroChip.Mapping.Tests.Partitioning;

public sealed class PartitionerTests
{
    [Fact]
    public void Partition_DenseLayer_SliceSizeSetBySynapseMemory()
    {
        // nc-tiny: 16,384 synapse bits per core, 32-bit row header, 8-bit weights. A dense 200-input layer
        // gives every slice of n neurons 200 dense rows of 32 + 8n bits: n = 6 takes 200 · 80 = 16,000 bits
        // (fits), n = 7 takes 200 · 88 = 17,600 (does not). So 64 neurons split into slices of 6 → 11 cores.
        var random = new Random(1);
        NetworkGraph graph = Graphs.Chain(new InputNode { Name = "in", Shape = [200] }, Graphs.Affine("fc", random, 64, 200), Graphs.If("n"), new OutputNode { Name = "out" });
        ChipSpec chip = TestChips.Tiny with { Mesh = new MeshSpec { TilesX = 4, TilesY = 2, CoresPerTile = 2 } };
        CompilationResult result = Compiler.Compile(graph, chip);
        Assert.Equal(6, result.Partition.SliceSize[0]);
        Assert.Equal(11, result.Partition.Slices.Count);
        Assert.Equal("synapse memory bits", result.Partition.BindingLimits[0]);
        Assert.Equal(16_000, result.Utilisation.Rows[0].Usage.SynapseBits);
    }

    [Fact]
    public void Partition_NetworkTooLarge_FailsNamingCoresAndPopulations()
    {
        // 12 layers of 64 IF neurons on nc-tiny (64 neurons per core, 8 cores) need at least 12 cores.
        var random = new Random(2);
        var nodes = new List<GraphNode> { new InputNode { Name = "in", Shape = [4] } };
        int width = 4;
        for (int l = 0; l < 12; l++)
        {
            nodes.Add(Graphs.Affine($"fc{l}", random, 64, width, 0.1f));
            nodes.Add(Graphs.If($"layer{l}"));
            width = 64;
        }

        var e = Assert.Throws<UserInputException>(() => Compiler.Compile(Graphs.Chain([.. nodes]), TestChips.Tiny));
        Assert.Contains("chip 'nc-tiny' has 8", e.Message);
        Assert.Contains("population 'layer0'", e.Message);
    }

    [Fact]
    public void Partition_LayerTooWideForFanIn_FailsNamingLimitAndNumbers()
    {
        // 300 inputs into one neuron need 300 fan-in axons; nc-tiny cores take 256.
        var random = new Random(3);
        NetworkGraph graph = Graphs.Chain(new InputNode { Name = "in", Shape = [300] }, Graphs.Affine("fc", random, 2, 300, 0.01f), Graphs.If("wide"));
        var e = Assert.Throws<UserInputException>(() => Compiler.Compile(graph, TestChips.Tiny));
        Assert.Contains("Population 'wide'", e.Message);
        Assert.Contains("fan-in axons = 300", e.Message);
        Assert.Contains("256", e.Message);
    }

    [Fact]
    public void Partition_ManyProfiles_SliceLimitedByProfiles()
    {
        // 20 IF neurons, each with its own threshold, on cores holding at most 8 profiles: slices of 8, 8, 4.
        var thresholds = Enumerable.Range(1, 20).Select(i => (float)i).ToArray();
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [2] },
            Graphs.Affine("fc", new Random(4), 20, 2),
            new IfNode { Name = "n", VThreshold = FloatTensor.Of(thresholds, 20) });
        CompilationResult result = Compiler.Compile(graph, TestChips.Tiny);
        Assert.Equal(8, result.Partition.SliceSize[0]);
        Assert.Equal(3, result.Partition.Slices.Count);
        Assert.Equal("neuron profiles", result.Partition.BindingLimits[0]);
    }

    [Fact]
    public void Render_UtilisationTable_ListsEveryCoreWithPercentages()
    {
        CompilationResult result = Compiler.Compile(Graphs.Dense(1), TestChips.Small(neurons: 8));
        string text = result.Utilisation.Render();
        foreach (UtilisationRowProbe row in result.Utilisation.Rows.Select(r => new UtilisationRowProbe(r.CoreId, r.Label)))
        {
            Assert.Contains(row.Label, text);
        }

        // hidden has 20 neurons in slices of 8: the first slice uses 8 of 8 neurons = 100%.
        Assert.Contains("8  100%", text);
        Assert.Contains($"{result.Utilisation.Rows.Count} cores used", text);
    }

    private readonly record struct UtilisationRowProbe(int CoreId, string Label);
}
