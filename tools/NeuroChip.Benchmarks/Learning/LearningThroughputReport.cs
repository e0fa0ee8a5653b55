namespace NeuroChip.Benchmarks.Learning;

/// <summary>Timed repetitions of one learner over a case's slice.</summary>
internal sealed record ThroughputMeasurement
{
    public required string Precision { get; init; }

    public required int Threads { get; init; }

    /// <summary>Engine workers that ran (1 for the float reference, which is single-threaded).</summary>
    public required int Workers { get; init; }

    /// <summary>Workers <c>neurochip train --threads N</c> gives this network under the engine's default work floor.</summary>
    public required int WorkersAtDefaultFloor { get; init; }

    /// <summary>Wall time of each repetition over the slice, seconds.</summary>
    public required double[] Seconds { get; init; }

    /// <summary>Processor time of the process in each repetition, seconds (above the wall time when two workers ran).</summary>
    public required double[] CpuSeconds { get; init; }

    /// <summary>One-minute load average of the machine before the first repetition.</summary>
    public required double LoadAverage { get; init; }

    public required double SamplesPerSecond { get; init; }

    /// <summary>Wall time of predicting the slice without learning after each repetition, seconds.</summary>
    public required double[] PredictSeconds { get; init; }

    /// <summary>Forward passes alone: the gap to <see cref="SamplesPerSecond"/> is the learning controller's time.</summary>
    public required double PredictSamplesPerSecond { get; init; }
}

/// <summary>One case: its throughput per precision and thread count, and what a training sample cost on the chip.</summary>
internal sealed record LearningCaseResult
{
    public required string Name { get; init; }

    public required string Network { get; init; }

    public required string Rule { get; init; }

    public required int Timesteps { get; init; }

    /// <summary>The chip the chip rows ran on (the chip asked for, with reverse synapse access added where the rule needs it).</summary>
    public required string Chip { get; init; }

    public required int SamplesPerRepetition { get; init; }

    public required IReadOnlyList<ThroughputMeasurement> Measurements { get; init; }

    /// <summary>Per training sample of the timed slices, on the chip.</summary>
    public LearningEnergy? Energy { get; init; }

    /// <summary>The chip learners of every thread count ended with the same weights and counters.</summary>
    public required bool IdenticalAcrossThreads { get; init; }

    /// <summary>HLOP: the lateral neurons' memory on the chip.</summary>
    public LateralMemory? Lateral { get; init; }

    /// <summary>HLOP: H of the float reference at 16 bits per weight, bits.</summary>
    public long? FloatLateralBits { get; init; }
}

/// <summary>The <c>learning</c> benchmark's result file.</summary>
internal sealed record LearningThroughputReport
{
    public int SchemaVersion { get; init; } = 1;

    public required string Command { get; init; }

    public required string Dataset { get; init; }

    public required string ChipAsked { get; init; }

    public required int WeightBits { get; init; }

    public required int WarmUpSamples { get; init; }

    public required int Repetitions { get; init; }

    public required int ProcessorCount { get; init; }

    public required double LoadAverageAtStart { get; init; }

    public required double LoadAverageAtEnd { get; init; }

    public required double WallSeconds { get; init; }

    public required IReadOnlyList<LearningCaseResult> Cases { get; init; }

    public required IReadOnlyList<string> Coefficients { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }
}
