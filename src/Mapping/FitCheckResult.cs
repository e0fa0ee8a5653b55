namespace NeuroChip.Mapping;

/// <summary>
/// Whether a network fits a chip (<see cref="FitCheck"/>). When it does not, <see cref="Limit"/> names the limit,
/// <see cref="Population"/> the population that breaks it (null when the whole network does), and
/// <see cref="Required"/> against <see cref="Available"/> the numbers; <see cref="Message"/> says it in words with what
/// to do. <see cref="Neurons"/> and <see cref="Synapses"/> are the exact counts after partitioning when the network
/// fits, and the estimates from the graph's shapes when the fast check refused it.
/// </summary>
public sealed record FitCheckResult
{
    public required bool Fits { get; init; }

    /// <summary>True when the refusal came from the estimate, before any quantisation or partitioning.</summary>
    public bool RefusedByEstimate { get; init; }

    public string? Limit { get; init; }

    public string? Population { get; init; }

    public long Required { get; init; }

    public long Available { get; init; }

    public long Neurons { get; init; }

    public long Synapses { get; init; }

    /// <summary>Cores the partitioned network takes (0 when it was refused).</summary>
    public int Cores { get; init; }

    public string Message { get; init; } = "";
}
