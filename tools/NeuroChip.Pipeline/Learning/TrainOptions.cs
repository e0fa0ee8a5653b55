using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.Pipeline.Learning;

/// <summary>Where the weights live while learning: the float reference, or the chip's fixed point on the event engine.</summary>
public enum LearningPrecision
{
    Float,
    Chip,
}

/// <summary>What <c>neurochip train</c> was asked to do.</summary>
public sealed record TrainOptions
{
    public string Dataset { get; init; } = "digits";

    public string? DataDirectory { get; init; }

    public IReadOnlyList<int> Hidden { get; init; } = [100];

    public int Epochs { get; init; } = 3;

    public int Timesteps { get; init; } = 6;

    public double Tau { get; init; } = 2;

    public LearningRuleSpec Rule { get; init; } = new();

    public LearningPrecision Precision { get; init; } = LearningPrecision.Float;

    public string Chip { get; init; } = "nc-learn";

    public int WeightBits { get; init; } = 16;

    /// <summary>Most event-engine worker threads for chip precision (small networks use fewer; the result is the same).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Gain of the uniform weight initialisation (±gain/√fan-in).</summary>
    public float InitGain { get; init; } = 1;

    /// <summary>Use only the first N training samples (0 = all).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Use only the first N test samples (0 = all).</summary>
    public int TestLimit { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>HLOP on top of the base rule (float or chip): the run is one task, so H learns its subspace and nothing is projected yet.</summary>
    public HlopSpec? Hlop { get; init; }

    /// <summary>Backward (ternary) ticks T_b of SPIDE.</summary>
    public int BackwardTimesteps { get; init; } = 100;

    /// <summary>Anneal the learning rate with a cosine over the epochs (otherwise constant).</summary>
    public bool CosineSchedule { get; init; }
}
