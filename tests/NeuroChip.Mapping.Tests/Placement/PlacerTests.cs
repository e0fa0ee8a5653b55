namespace NeuroChip.Mapping.Tests.Placement;

public sealed class PlacerTests
{
    /// <summary>4 dense layers of 512 IF neurons; with 64 neurons per core that is 32 slices on nc-ref's 8 × 4 mesh of 4-core tiles.</summary>
    internal static (NetworkGraph Graph, ChipSpec Chip) FourLayers()
    {
        var random = new Random(7);
        var nodes = new List<GraphNode> { new InputNode { Name = "in", Shape = [64] } };
        int width = 64;
        for (int l = 0; l < 4; l++)
        {
            nodes.Add(Graphs.Affine($"fc{l}", random, 512, width, 0.05f));
            nodes.Add(Graphs.If($"layer{l}"));
            width = 512;
        }

        ChipSpec reference = TestChips.Reference;
        return (Graphs.Chain([.. nodes]), reference with { Core = reference.Core with { MaxNeurons = 64 } });
    }

    [Fact]
    public void Place_FourLayersOver32Cores_AtLeast30PercentBelowNaive()
    {
        (NetworkGraph graph, ChipSpec chip) = FourLayers();
        CompilationResult result = Compiler.Compile(graph, chip, new CompilerOptions { VerifyRoutes = false });
        Assert.Equal(32, result.Partition.Slices.Count);
        Assert.True(result.PlacementReport.Improvement >= 0.30, result.PlacementReport.ToString());
    }

    [Fact]
    public void Place_SameSeed_SamePlacement()
    {
        CompilationResult a = Compiler.Compile(Graphs.Dense(2), TestChips.Small(neurons: 4), new CompilerOptions { Placement = new() { Seed = 11 } });
        CompilationResult b = Compiler.Compile(Graphs.Dense(2), TestChips.Small(neurons: 4), new CompilerOptions { Placement = new() { Seed = 11 } });
        Assert.Equal(a.CoreOfSlice, b.CoreOfSlice);
        Assert.Equal(a.PlacementReport.Cost, b.PlacementReport.Cost);
    }

    [Fact]
    public void Place_NeverWorseThanNaive()
    {
        foreach (int seed in new[] { 1, 2, 3 })
        {
            CompilationResult result = Compiler.Compile(Graphs.Recurrent(seed), TestChips.Small(neurons: 4), new CompilerOptions { Placement = new() { Seed = seed } });
            Assert.True(result.PlacementReport.Cost <= result.PlacementReport.NaiveCost);
        }
    }
}
