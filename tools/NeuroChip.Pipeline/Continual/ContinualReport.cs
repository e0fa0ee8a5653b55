namespace NeuroChip.Pipeline.Continual;

/// <summary>One method's outcome: the accuracy matrix R[i][j] (multitask: one row, after training on everything), ACC, BWT.</summary>
public sealed record ContinualMethodResult
{
    public required ContinualMethod Method { get; init; }

    /// <summary>R[i][j], accuracy on task j after training task i; the multitask baseline has a single row.</summary>
    public required IReadOnlyList<double[]> Matrix { get; init; }

    public required double Acc { get; init; }

    /// <summary>Backward transfer; null for the multitask baseline, which has no task order.</summary>
    public double? Bwt { get; init; }

    public required double TrainingSeconds { get; init; }

    public required double SamplesPerSecond { get; init; }

    /// <summary>HLOP: lateral subspace neurons in all layers at the end.</summary>
    public int LateralNeurons { get; init; }

    /// <summary>HLOP: synapse memory of the lateral weights H at 16 bits each (the momentum buffer doubles it while learning).</summary>
    public long LateralSynapseBits { get; init; }

    /// <summary>HLOP on the chip: memory the lateral neurons reserve (H, momentum/batch registers, batch buffers), bits.</summary>
    public long LateralMemoryBits { get; init; }

    /// <summary>HLOP on the chip: energy of the lateral neurons per training sample (synaptic reads and writes, partial sums), pJ.</summary>
    public double LateralEnergyPerSamplePj { get; init; }

    /// <summary>Synapse memory of the network's own weights at 16 bits each, for comparison.</summary>
    public long NetworkSynapseBits { get; init; }
}

/// <summary>The result of <c>neurochip continual</c>.</summary>
public sealed record ContinualReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Dataset { get; init; }

    public required string Network { get; init; }

    public required IReadOnlyList<string> TaskNames { get; init; }

    public required int TrainSamplesPerTask { get; init; }

    public required ContinualOptions Options { get; init; }

    public required IReadOnlyList<ContinualMethodResult> Results { get; init; }
}
