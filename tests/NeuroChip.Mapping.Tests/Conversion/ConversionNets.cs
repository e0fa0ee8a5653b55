namespace NeuroChip.Mapping.Tests.Conversion;

/// <summary>Small seeded ANNs and inputs for conversion tests.</summary>
internal static class ConversionNets
{
    /// <summary>Input [inputs] → Affine → ReLU → … → Affine → Output, weights uniform in ±√(3/fan-in)·gain, biases in ±0.1.</summary>
    public static NetworkGraph Mlp(int seed, params int[] widths)
    {
        var random = new Random(seed);
        var nodes = new List<GraphNode> { new InputNode { Name = "x", Shape = [widths[0]] } };
        for (int l = 1; l < widths.Length; l++)
        {
            int fanIn = widths[l - 1], fanOut = widths[l];
            float bound = MathF.Sqrt(6f / fanIn);
            var w = new float[fanOut * fanIn];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = (float)((random.NextDouble() * 2) - 1) * bound;
            }

            var b = new float[fanOut];
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (float)((random.NextDouble() * 0.2) - 0.1);
            }

            nodes.Add(new AffineNode { Name = $"fc{l}", Weight = FloatTensor.Of(w, fanOut, fanIn), Bias = FloatTensor.Of(b, fanOut) });
            if (l < widths.Length - 1)
            {
                nodes.Add(new ReluNode { Name = $"relu{l}" });
            }
        }

        nodes.Add(new OutputNode { Name = "y" });
        return Chain(nodes);
    }

    /// <summary>Input (1, 6, 6) → Conv 3×3 (4 channels, padding 1) → ReLU → AvgPool 2×2 → Flatten → Affine → Output.</summary>
    public static NetworkGraph Cnn(int seed)
    {
        var random = new Random(seed);
        float[] Uniform(int count, float bound) => [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * bound)];
        var nodes = new List<GraphNode>
        {
            new InputNode { Name = "x", Shape = [1, 6, 6] },
            new Conv2dNode { Name = "conv", Weight = FloatTensor.Of(Uniform(4 * 9, 0.8f), 4, 1, 3, 3), Bias = FloatTensor.Of(Uniform(4, 0.1f), 4), Padding = [1, 1] },
            new ReluNode { Name = "relu" },
            new AvgPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2] },
            new FlattenNode { Name = "flat" },
            new AffineNode { Name = "fc", Weight = FloatTensor.Of(Uniform(3 * 36, 0.4f), 3, 36), Bias = FloatTensor.Of(Uniform(3, 0.1f), 3) },
            new OutputNode { Name = "y" },
        };
        return Chain(nodes);
    }

    /// <summary><paramref name="count"/> samples of <paramref name="size"/> values uniform in [0, 1).</summary>
    public static float[] Inputs(int seed, int count, int size)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count * size).Select(_ => (float)random.NextDouble())];
    }

    private static NetworkGraph Chain(List<GraphNode> nodes) => new()
    {
        Nodes = nodes,
        Edges = [.. Enumerable.Range(0, nodes.Count - 1).Select(i => GraphEdge.Of(nodes[i].Name, nodes[i + 1].Name))],
    };
}
