namespace NeuroChip.Mapping.Lowering;

/// <summary>Where a projection's spikes come from.</summary>
public enum SourceKind
{
    /// <summary>A chip input port (a graph Input).</summary>
    Input,

    /// <summary>A population of the network.</summary>
    Population,

    /// <summary>
    /// Nothing routes to the rows: only the learn phase reads and writes them (HLOP's lateral subspace
    /// neurons keep their synapses on their own cores). <c>Index</c> names the population whose activity the rows stand for.
    /// </summary>
    Local,
}

/// <summary>A projection's source: input port <c>Index</c> or population <c>Index</c>, or learn-phase rows (<see cref="SourceKind.Local"/>).</summary>
public readonly record struct ProjectionSource(SourceKind Kind, int Index);
