namespace NeuroChip.Mapping.Placement;

/// <summary>How to search for a placement. The same options and network give the same placement.</summary>
public sealed record PlacementOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Annealing moves; null = 300 per slice, at least 20,000 and at most 3,000,000.</summary>
    public int? Iterations { get; init; }
}

/// <summary>The placement's expected traffic × hops and that of the naive row-major placement (slice i on core i).</summary>
public sealed record PlacementReport(double Cost, double NaiveCost, int Iterations, int Seed)
{
    /// <summary>1 − cost / naive cost: the fraction of traffic × hops saved (0 when the naive cost is 0).</summary>
    public double Improvement => NaiveCost > 0 ? 1 - (Cost / NaiveCost) : 0;

    public override string ToString() =>
        $"placement cost (expected packets × hops per tick) {Cost:G6} vs naive row-major {NaiveCost:G6}: {Improvement:P1} lower (seed {Seed}, {Iterations:N0} annealing moves)";
}

/// <summary>Where every slice goes: slice i runs on core <c>CoreOfSlice[i]</c>.</summary>
public sealed record SlicePlacement(int[] CoreOfSlice, PlacementReport Report);
