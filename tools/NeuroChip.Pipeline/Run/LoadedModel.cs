using NeuroChip.Mapping.Graph;

namespace NeuroChip.Pipeline.Run;

/// <summary>The network a run starts from: an ANN to convert, or a graph that already spikes (conversion skipped).</summary>
internal sealed record LoadedModel(NetworkGraph Graph, bool IsSpiking, string Source)
{
    /// <summary>A graph spikes when it has neuron populations and no ReLU left to convert.</summary>
    public static bool Spikes(NetworkGraph graph) => graph.Nodes.Any(n => n is NeuronNode) && !graph.Nodes.Any(n => n is ReluNode);
}
