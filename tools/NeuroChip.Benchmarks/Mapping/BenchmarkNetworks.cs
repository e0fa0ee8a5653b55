using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Benchmarks.Mapping;

/// <summary>The networks and chips the mapping benchmarks compile. Weights are seeded uniform noise.</summary>
public static class BenchmarkNetworks
{
    /// <summary>A chain of dense IF layers: <c>in(widths[0]) → affine → IF(widths[1]) → … </c>.</summary>
    public static NetworkGraph DenseChain(int seed, params int[] widths)
    {
        var random = new Random(seed);
        var nodes = new List<GraphNode> { new InputNode { Name = "in", Shape = [widths[0]] } };
        var edges = new List<GraphEdge>();
        string previous = "in";
        for (int l = 1; l < widths.Length; l++)
        {
            var weights = new float[(long)widths[l] * widths[l - 1]];
            float scale = 2f / MathF.Sqrt(widths[l - 1]);
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = (float)((random.NextDouble() * 2) - 1) * scale;
            }

            nodes.Add(new AffineNode { Name = $"fc{l}", Weight = FloatTensor.Of(weights, widths[l], widths[l - 1]), Bias = FloatTensor.Filled(0f, widths[l]) });
            nodes.Add(new IfNode { Name = $"layer{l}", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.Subtract });
            edges.Add(GraphEdge.Of(previous, $"fc{l}"));
            edges.Add(GraphEdge.Of($"fc{l}", $"layer{l}"));
            previous = $"layer{l}";
        }

        nodes.Add(new OutputNode { Name = "out" });
        edges.Add(GraphEdge.Of(previous, "out"));
        return new NetworkGraph { Nodes = nodes, Edges = edges };
    }

    /// <summary>≈ 1 M synapses: 512 → 1024 → 512 (1,048,576 synapses), fits nc-ref.</summary>
    public static NetworkGraph OneMillion() => DenseChain(1, 512, 1024, 512);

    /// <summary>≈ 100 M synapses: six dense layers of 4096 (100,663,296 synapses).</summary>
    public static NetworkGraph HundredMillion() => DenseChain(2, 4096, 4096, 4096, 4096, 4096, 4096, 4096);

    /// <summary>nc-ref's cores (Loihi-1 limits) on a 16 × 16 mesh of 4-core tiles: 1,024 cores, eight nc-ref chips' worth.</summary>
    public static ChipSpec LargeMesh()
    {
        ChipSpec reference = ChipSpecLoader.LoadPreset("nc-ref");
        return reference with { Name = "nc-ref-16x16", Mesh = new MeshSpec { TilesX = 16, TilesY = 16, CoresPerTile = 4 } };
    }

    /// <summary>Four dense layers of 512 IF neurons behind a 64-channel input; nc-ref with 64 neurons per core gives 32 slices.</summary>
    public static (NetworkGraph Graph, ChipSpec Chip) FourLayers()
    {
        ChipSpec reference = ChipSpecLoader.LoadPreset("nc-ref");
        return (DenseChain(7, 64, 512, 512, 512, 512), reference with { Core = reference.Core with { MaxNeurons = 64 } });
    }
}
