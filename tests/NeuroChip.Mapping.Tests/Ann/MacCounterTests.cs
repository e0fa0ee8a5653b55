namespace NeuroChip.Mapping.Tests.Ann;

public sealed class MacCounterTests
{
    [Fact]
    public void Count_FashionMnistCnn_SkipsPaddingAndCountsPoolingInputs()
    {
        // conv 1→16, 3×3, padding 1 on 28×28: per axis 26 outputs see 3 taps and 2 edge outputs see 2 → 82 taps;
        //   82² · 16 · 1 = 107,584.
        // average pool 2×2 → 14×14×16 outputs × 4 inputs = 12,544.
        // conv 16→32, 3×3, padding 1 on 14×14: per axis 12·3 + 2·2 = 40 → 40² · 32 · 16 = 819,200.
        // average pool 2×2 → 7×7×32 × 4 = 6,272. Dense 1,568 → 10 = 15,680. Total 961,280.
        var nodes = new List<GraphNode>
        {
            new InputNode { Name = "in", Shape = [1, 28, 28] },
            new Conv2dNode { Name = "c1", Weight = FloatTensor.Filled(0.1f, 16, 1, 3, 3), Padding = [1, 1] },
            new ReluNode { Name = "r1" },
            new AvgPool2dNode { Name = "p1", KernelSize = [2, 2], Stride = [2, 2] },
            new Conv2dNode { Name = "c2", Weight = FloatTensor.Filled(0.1f, 32, 16, 3, 3), Padding = [1, 1] },
            new ReluNode { Name = "r2" },
            new AvgPool2dNode { Name = "p2", KernelSize = [2, 2], Stride = [2, 2] },
            new FlattenNode { Name = "flat" },
            new AffineNode { Name = "fc", Weight = FloatTensor.Filled(0.1f, 10, 1568), Bias = FloatTensor.Filled(0f, 10) },
            new OutputNode { Name = "out" },
        };
        var edges = Enumerable.Range(1, nodes.Count - 1).Select(i => GraphEdge.Of(nodes[i - 1].Name, nodes[i].Name)).ToList();

        Assert.Equal(961_280, MacCounter.Count(new NetworkGraph { Nodes = nodes, Edges = edges }));
    }
}
