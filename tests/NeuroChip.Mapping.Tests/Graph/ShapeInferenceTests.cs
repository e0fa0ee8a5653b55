namespace NeuroChip.Mapping.Tests.Graph;

public sealed class ShapeInferenceTests
{
    [Fact]
    public void Infer_ConvStridePaddingPool_GivesPyTorchSizes()
    {
        // conv: (8 + 2·1 − 1·(3 − 1) − 1) / 2 + 1 = 7 / 2 + 1 = 4 → (3, 4, 4); pool 2×2 stride 2 → (3, 2, 2); flatten → 12.
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [1, 8, 8] },
            new Conv2dNode { Name = "conv", Weight = FloatTensor.Filled(0.1f, 3, 1, 3, 3), Stride = [2, 2], Padding = [1, 1] },
            Graphs.If("c"),
            new AvgPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2] },
            new FlattenNode { Name = "flat" },
            Graphs.If("n"));
        GraphShapes shapes = ShapeInference.Infer(graph);
        Assert.Equal([3, 4, 4], shapes["conv"]);
        Assert.Equal([3, 2, 2], shapes["pool"]);
        Assert.Equal([12], shapes["flat"]);
        Assert.Equal(12, shapes.Size("n"));
    }

    [Fact]
    public void Infer_AffineWithoutFlatten_NamesNodeAndSuggestsFlatten()
    {
        NetworkGraph graph = Graphs.Chain(new InputNode { Name = "in", Shape = [1, 2, 2] }, Graphs.Affine("fc", new Random(1), 3, 4), Graphs.If("n"));
        var e = Assert.Throws<UserInputException>(() => ShapeInference.Infer(graph));
        Assert.Contains("Node 'fc' (affine)", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Contains("[1, 2, 2]", e.Message);
        Assert.Contains("Flatten", e.Message);
    }

    [Fact]
    public void Infer_NeuronParameterShapeDisagrees_NamesParameter()
    {
        NetworkGraph graph = Graphs.Chain(
            new InputNode { Name = "in", Shape = [3] },
            Graphs.Affine("fc", new Random(1), 5, 3),
            new IfNode { Name = "n", VThreshold = FloatTensor.Filled(1f, 4) });
        var e = Assert.Throws<UserInputException>(() => ShapeInference.Infer(graph));
        Assert.Contains("'n'", e.Message);
        Assert.Contains("vThreshold", e.Message);
    }

    [Fact]
    public void Infer_RecurrentEdge_Accepted()
    {
        GraphShapes shapes = ShapeInference.Infer(Graphs.Recurrent(1));
        Assert.Equal([24], shapes["rec"]);
        Assert.Equal([24], shapes["d_rec"]);
    }

    [Fact]
    public void Infer_EdgeToUnknownNode_NamesEdge()
    {
        var graph = new NetworkGraph { Nodes = [new InputNode { Name = "in", Shape = [2] }], Edges = [GraphEdge.Of("in", "missing")] };
        var e = Assert.Throws<UserInputException>(() => ShapeInference.Infer(graph));
        Assert.Contains("'in' → 'missing'", e.Message);
    }
}
