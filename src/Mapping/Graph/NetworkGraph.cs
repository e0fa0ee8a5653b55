using System.Text.Json.Serialization;

namespace NeuroChip.Mapping.Graph;

/// <summary>
/// A NIR-like network: named nodes and directed edges between them, cycles allowed. Build one in
/// code, read one with <see cref="NetworkGraphJson"/>, and check it with <see cref="ShapeInference.Infer"/>.
/// </summary>
public sealed record NetworkGraph
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Length of one tick in the unit of the graph's τ and delay parameters (1 = τ counted in ticks).</summary>
    public double TimeStep { get; init; } = 1.0;

    public required IReadOnlyList<GraphNode> Nodes { get; init; }

    public required IReadOnlyList<GraphEdge> Edges { get; init; }

    /// <summary>The node called <paramref name="name"/>, or null.</summary>
    public GraphNode? Find(string name)
    {
        foreach (GraphNode node in Nodes)
        {
            if (node.Name == name)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Names of the nodes that feed <paramref name="name"/>, in edge order.</summary>
    public IEnumerable<string> Predecessors(string name) => Edges.Where(e => e.Target == name).Select(e => e.Source);

    /// <summary>Names of the nodes that <paramref name="name"/> feeds, in edge order.</summary>
    public IEnumerable<string> Successors(string name) => Edges.Where(e => e.Source == name).Select(e => e.Target);

    [JsonIgnore]
    public IEnumerable<InputNode> Inputs => Nodes.OfType<InputNode>();

    [JsonIgnore]
    public IEnumerable<OutputNode> Outputs => Nodes.OfType<OutputNode>();
}
