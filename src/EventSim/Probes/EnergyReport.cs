namespace NeuroChip.EventSim.Probes;

/// <summary>Energy of one kind of operation: how many, at what labelled cost, in total.</summary>
public sealed record EnergyLine
{
    public required string Key { get; init; }

    public required string Operation { get; init; }

    public required double Count { get; init; }

    public required string CountUnit { get; init; }

    public required double Coefficient { get; init; }

    public required string CoefficientUnit { get; init; }

    public required string Source { get; init; }

    public required double EnergyPj { get; init; }
}

/// <summary>Dynamic energy of one core.</summary>
public sealed record CoreEnergy(int CoreId, string Label, double EnergyPj);

/// <summary>
/// Energy of a run: by operation (every coefficient labelled with its unit and source), by core, and
/// static energy over the modelled duration.
/// </summary>
public sealed record EnergyReport
{
    public required IReadOnlyList<EnergyLine> ByOperation { get; init; }

    public required IReadOnlyList<CoreEnergy> ByCore { get; init; }

    public required double DynamicPj { get; init; }

    public required double StaticPj { get; init; }

    /// <summary>Modelled duration the static power is charged over, ns (from the timing replay).</summary>
    public required double DurationNs { get; init; }

    public double TotalPj => DynamicPj + StaticPj;
}
