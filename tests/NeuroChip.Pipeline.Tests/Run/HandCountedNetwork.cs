using NeuroChip.Mapping.Graph;

namespace NeuroChip.Pipeline.Tests.Run;

/// <summary>
/// A spiking network whose spikes can be counted by hand on the embedded digits (pixels k/16, k = 0…16):
/// <code>
///   pixels (current, 64) → enc: IF θ = 1, subtract reset → w1 = 1.5·I (64×64) → h: IF θ = 1, reset to 0
///                        → w2 = 1.5 on (j, j), j &lt; 10 (10×64) → out: IF θ = 1, reset to 0 → logits
/// </code>
/// enc_i integrates x_i = k_i/16 every tick from tick 0 and spikes when v &gt; 1, so after M ticks it has spiked
/// n_M(k) = max(0, ⌈M·k/16⌉ − 1) times. A spike at tick t reaches the next layer at t + 1, where 1.5 &gt; θ makes it
/// spike at once and reset to 0, so h_i copies enc_i one tick late and out_j copies h_j one tick later.
/// An Affine node is a dense projection: every enc neuron has 64 synapses onto h and every h neuron 10 onto out (the
/// zero weights add nothing but are stored, so each delivered spike costs 64 or 10 synaptic ops).
/// </summary>
internal static class HandCountedNetwork
{
    public const int Inputs = 64;
    public const int Classes = 10;

    public static NetworkGraph Build()
    {
        var w1 = new float[Inputs * Inputs];
        for (int i = 0; i < Inputs; i++)
        {
            w1[(i * Inputs) + i] = 1.5f;
        }

        var w2 = new float[Classes * Inputs];
        for (int j = 0; j < Classes; j++)
        {
            w2[(j * Inputs) + j] = 1.5f;
        }

        GraphNode[] nodes =
        [
            new InputNode { Name = "pixels", Shape = [Inputs], Encoding = InputEncoding.Current },
            new IfNode { Name = "enc", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.Subtract },
            new AffineNode { Name = "w1", Weight = FloatTensor.Of(w1, Inputs, Inputs), Bias = FloatTensor.Filled(0f, Inputs) },
            new IfNode { Name = "h", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.ToValue },
            new AffineNode { Name = "w2", Weight = FloatTensor.Of(w2, Classes, Inputs), Bias = FloatTensor.Filled(0f, Classes) },
            new IfNode { Name = "out", VThreshold = FloatTensor.Scalar(1f), Reset = GraphResetMode.ToValue },
            new OutputNode { Name = "logits" },
        ];
        return new NetworkGraph
        {
            Nodes = nodes,
            Edges = [.. nodes.Zip(nodes.Skip(1), (a, b) => GraphEdge.Of(a.Name, b.Name))],
        };
    }

    /// <summary>Spikes of an IF neuron (θ = 1, subtract reset) with constant input k/16 in its first <paramref name="ticks"/> ticks.</summary>
    public static int Spikes(int k, int ticks) => Math.Max(0, ((ticks * k) + 15) / 16 - 1);
}
