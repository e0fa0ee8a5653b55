namespace NeuroChip.Mapping.Lowering;

/// <summary>Where a projection's spikes come from.</summary>
public enum SourceKind
{
    /// <summary>A chip input port (a graph Input).</summary>
    Input,

    /// <summary>A population of the network.</summary>
    Population,
}

/// <summary>A projection's source: input port <c>Index</c> or population <c>Index</c>.</summary>
public readonly record struct ProjectionSource(SourceKind Kind, int Index);
