using NeuroChip.EventSim;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// One ANN layer in the spiking domain while it is being converted: copies of its linear nodes with the first weighted
/// node scaled by the previous layer's threshold (a spike of that layer stands for θ_prev of activation), the IF
/// threshold, and the per-neuron potential correction. Calibration edits the copies' arrays in place.
/// </summary>
internal sealed class ConversionLayer
{
    private readonly AnnForwardPass pass;
    private readonly AnnState state;
    private readonly float[] zeros;

    public ConversionLayer(AnnSegment segment, string ifName, double threshold, double maxActivation, double inputScale)
    {
        Segment = segment;
        IfName = ifName;
        Threshold = threshold;
        MaxActivation = maxActivation;
        Size = (int)ShapeMath.Product(segment.OutputShape);
        Channels = segment.OutputShape.Length == 3 ? segment.OutputShape[0] : Size;
        var nodes = new List<GraphNode>();
        bool scaled = false;
        for (int i = 0; i < segment.Nodes.Count; i++)
        {
            GraphNode node = segment.Nodes[i];
            bool weighted = node is AffineNode or LinearNode or Conv2dNode or ScaleNode;
            float factor = weighted && !scaled ? (float)inputScale : 1f;
            scaled |= weighted;
            nodes.Add(Copy(node, factor, i == segment.Nodes.Count - 1));
        }

        if (segment.IsPooling)
        {
            // A pooling layer has no weights to carry the previous threshold: a Scale node does.
            nodes.Insert(0, new ScaleNode { Name = segment.Name + "_scale", Scale = FloatTensor.Scalar((float)inputScale) });
        }

        Nodes = nodes;
        Potential = new float[Size];
        pass = AnnForwardPass.Create(SubGraph(Nodes, segment.InputShape));
        state = pass.CreateState();
        zeros = new float[pass.InputSize];
    }

    public AnnSegment Segment { get; }

    public string IfName { get; }

    public double Threshold { get; }

    public double MaxActivation { get; }

    public int Size { get; }

    /// <summary>Channels of the layer's output: C for a (C, H, W) output, otherwise one per neuron.</summary>
    public int Channels { get; }

    public int PerChannel => Size / Channels;

    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>Potential correction per neuron, membrane units.</summary>
    public float[] Potential { get; }

    public double BiasCorrection { get; set; }

    public double PotentialCorrection { get; set; }

    /// <summary>The last node when it carries a per-channel bias (Affine, or Conv2d, given one if it had none), else null.</summary>
    public GraphNode? BiasNode => Nodes[^1] is AffineNode or Conv2dNode ? Nodes[^1] : null;

    public float[] BiasData => BiasNode switch
    {
        AffineNode a => a.Bias.Data,
        Conv2dNode c => c.Bias!.Data,
        _ => throw new UserInputException(
            $"Layer '{Segment.Name}' ends in '{Nodes[^1].Name}' ({Nodes[^1].Kind}), which has no bias; bias correction, weight calibration and a bias shift need the layer to end in an Affine or Conv2d node. Use potential correction or the initial-potential shift instead."),
    };

    /// <summary>The weights of the last node (what weight calibration changes), or an empty array when it has none.</summary>
    public float[] WeightData => Nodes[^1] switch
    {
        AffineNode a => a.Weight.Data,
        Conv2dNode c => c.Weight.Data,
        _ => [],
    };

    /// <summary>The layer's constant input per neuron: its linear nodes applied to a zero input (biases carried through).</summary>
    public float[] EffectiveBias()
    {
        pass.Run(zeros, state);
        return state.Output.ToArray();
    }

    /// <summary>An ANN pass over the nodes before the last one (for weight calibration), or null when the last node is the first.</summary>
    public AnnForwardPass? PrefixPass() => Nodes.Count > 1 ? AnnForwardPass.Create(SubGraph(Nodes.Take(Nodes.Count - 1).ToList(), Segment.InputShape)) : null;

    /// <summary>Adds <paramref name="perChannel"/>[c] to the bias of channel c.</summary>
    public void AddBias(ReadOnlySpan<float> perChannel)
    {
        float[] bias = BiasData;
        for (int c = 0; c < bias.Length; c++)
        {
            bias[c] += perChannel[c];
        }
    }

    private static GraphNode Copy(GraphNode node, float factor, bool last) => node switch
    {
        AffineNode a => a with { Weight = Scaled(a.Weight, factor), Bias = Scaled(a.Bias, 1f) },
        LinearNode l => l with { Weight = Scaled(l.Weight, factor) },
        ScaleNode s => s with { Scale = Scaled(s.Scale, factor) },
        Conv2dNode c => c with
        {
            Weight = Scaled(c.Weight, factor),
            Bias = c.Bias is null ? (last ? FloatTensor.Of(new float[c.OutChannels], c.OutChannels) : null) : Scaled(c.Bias, 1f),
        },
        _ => node,
    };

    private static FloatTensor Scaled(FloatTensor t, float factor)
    {
        var data = new float[t.Count];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = t.Data[i] * factor;
        }

        return FloatTensor.Of(data, t.Shape);
    }

    private static NetworkGraph SubGraph(IReadOnlyList<GraphNode> nodes, int[] inputShape)
    {
        const string input = "\u0001in", output = "\u0001out";
        var all = new List<GraphNode> { new InputNode { Name = input, Shape = inputShape } };
        all.AddRange(nodes);
        all.Add(new OutputNode { Name = output });
        var edges = new List<GraphEdge>();
        for (int i = 0; i + 1 < all.Count; i++)
        {
            edges.Add(GraphEdge.Of(all[i].Name, all[i + 1].Name));
        }

        return new NetworkGraph { Nodes = all, Edges = edges };
    }
}
