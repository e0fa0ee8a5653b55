namespace NeuroChip.Mapping.Tests.Support;

/// <summary>Small graphs built in code for tests.</summary>
internal static class Graphs
{
    public static FloatTensor Random(Random random, float scale, params int[] shape)
    {
        var data = new float[ShapeMath.Product(shape)];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1) * scale;
        }

        return FloatTensor.Of(data, shape);
    }

    public static AffineNode Affine(string name, Random random, int outputs, int inputs, float scale = 1f) => new()
    {
        Name = name,
        Weight = Random(random, scale, outputs, inputs),
        Bias = FloatTensor.Filled(0f, outputs),
    };

    public static IfNode If(string name, float threshold = 1f, GraphResetMode reset = GraphResetMode.Subtract) => new()
    {
        Name = name,
        VThreshold = FloatTensor.Scalar(threshold),
        Reset = reset,
    };

    public static NetworkGraph Chain(params GraphNode[] nodes) => new()
    {
        Nodes = nodes,
        Edges = nodes.Zip(nodes.Skip(1), (a, b) => GraphEdge.Of(a.Name, b.Name)).ToList(),
    };

    /// <summary>in(8) → fc1 → lif(20) → fc2 → if(5) → out.</summary>
    public static NetworkGraph Dense(int seed)
    {
        var random = new Random(seed);
        return Chain(
            new InputNode { Name = "in", Shape = [8] },
            Affine("fc1", random, 20, 8, 1.2f),
            new LifNode { Name = "hidden", Tau = FloatTensor.Scalar(4f), R = FloatTensor.Scalar(4f), VThreshold = FloatTensor.Scalar(1f), VLeak = FloatTensor.Scalar(0.05f) },
            Affine("fc2", random, 5, 20, 0.8f),
            If("readout", 1.5f, GraphResetMode.ToValue),
            new OutputNode { Name = "out" });
    }

    /// <summary>in(1×8×8) → conv(2, 3×3) → IF → sum-pool 2×2 → IF → flatten → affine(4) → IF → out.</summary>
    public static NetworkGraph ConvPool(int seed)
    {
        var random = new Random(seed);
        return Chain(
            new InputNode { Name = "in", Shape = [1, 8, 8] },
            new Conv2dNode { Name = "conv", Weight = Random(random, 0.9f, 2, 1, 3, 3), Bias = FloatTensor.Of([0.05f, -0.05f], 2), Padding = [1, 1] },
            If("c1"),
            new SumPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2] },
            If("p1", 1.5f),
            new FlattenNode { Name = "flat" },
            Affine("fc", random, 4, 32, 1f),
            If("readout"),
            new OutputNode { Name = "out" });
    }

    /// <summary>in(6) → fc → lif(24) with a delayed recurrent linear loop → fc2 → if(3) → out.</summary>
    public static NetworkGraph Recurrent(int seed)
    {
        var random = new Random(seed);
        GraphNode[] nodes =
        [
            new InputNode { Name = "in", Shape = [6] },
            Affine("fc", random, 24, 6, 1.5f),
            new LifNode { Name = "rec", Tau = FloatTensor.Scalar(8f), R = FloatTensor.Scalar(8f), VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.Subtract },
            new LinearNode { Name = "w_rec", Weight = Random(random, 0.6f, 24, 24) },
            new DelayNode { Name = "d_rec", Delay = FloatTensor.Scalar(2f) },
            Affine("fc2", random, 3, 24, 0.7f),
            If("readout"),
            new OutputNode { Name = "out" },
        ];
        return new NetworkGraph
        {
            Nodes = nodes,
            Edges =
            [
                GraphEdge.Of("in", "fc"), GraphEdge.Of("fc", "rec"), GraphEdge.Of("rec", "w_rec"), GraphEdge.Of("w_rec", "d_rec"),
                GraphEdge.Of("d_rec", "rec"), GraphEdge.Of("rec", "fc2"), GraphEdge.Of("fc2", "readout"), GraphEdge.Of("readout", "out"),
            ],
        };
    }
}
