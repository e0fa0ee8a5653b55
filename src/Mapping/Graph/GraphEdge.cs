namespace NeuroChip.Mapping.Graph;

/// <summary>A directed edge: the output of node <see cref="Source"/> feeds node <see cref="Target"/>. Cycles are allowed.</summary>
public sealed record GraphEdge
{
    public required string Source { get; init; }

    public required string Target { get; init; }

    public static GraphEdge Of(string source, string target) => new() { Source = source, Target = target };
}
