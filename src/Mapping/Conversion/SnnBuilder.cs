using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// Writes the spiking graph of a conversion in progress:
/// <code>
///   Input (current) → IF encoder (θ = 1, R = 1) → [layer 1 linear nodes] → IF (θ₁) → … → [last linear nodes] → IF (θ_L) → Output
/// </code>
/// Every IF resets by subtraction. The initial potential of the layer d hops after the encoder is
/// <c>v₀ + PC − d·b</c>: v₀ = θ/2 with the initial-potential shift, PC the potential correction, and −d·b takes back the
/// bias b the neuron integrates during the d ticks before the first spikes reach it (the chip's one-tick latency per
/// hop), so that over its T-tick window it receives exactly the charge of the synchronous SNN.
/// </summary>
internal static class SnnBuilder
{
    public static NetworkGraph Build(AnnChain chain, IReadOnlyList<ConversionLayer> layers, string encoderName, bool shift, ShiftPlacement placement)
    {
        var nodes = new List<GraphNode>
        {
            new InputNode { Name = chain.Input.Name, Shape = chain.Input.Shape, Encoding = InputEncoding.Current },
            new IfNode
            {
                Name = encoderName,
                VThreshold = FloatTensor.Scalar(1f),
                Reset = GraphResetMode.Subtract,
                VInitial = FloatTensor.Scalar(shift ? 0.5f : 0f),
            },
        };
        for (int k = 0; k < layers.Count; k++)
        {
            ConversionLayer layer = layers[k];
            nodes.AddRange(layer.Nodes);
            float[] bias = layer.EffectiveBias();
            float v0 = shift && (placement == ShiftPlacement.InitialPotential || layer.Segment.IsPooling) ? (float)(layer.Threshold / 2) : 0f;
            int hops = k + 1;
            var initial = new float[layer.Size];
            for (int i = 0; i < initial.Length; i++)
            {
                initial[i] = v0 + layer.Potential[i] - (hops * bias[i]);
            }

            nodes.Add(new IfNode
            {
                Name = layer.IfName,
                VThreshold = FloatTensor.Scalar((float)layer.Threshold),
                Reset = GraphResetMode.Subtract,
                VInitial = FloatTensor.Of(initial, layer.Segment.OutputShape),
            });
        }

        nodes.Add(chain.Output with { Shape = null });
        var edges = new List<GraphEdge>();
        for (int i = 0; i + 1 < nodes.Count; i++)
        {
            edges.Add(GraphEdge.Of(nodes[i].Name, nodes[i + 1].Name));
        }

        return new NetworkGraph { Nodes = nodes, Edges = edges };
    }
}
