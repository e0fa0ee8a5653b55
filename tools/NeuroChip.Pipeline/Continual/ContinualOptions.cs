using NeuroChip.OnChipLearning.Rules;
using NeuroChip.Pipeline.Learning;

namespace NeuroChip.Pipeline.Continual;

/// <summary>How the tasks of a continual run are made from one data set.</summary>
public enum TaskSequenceKind
{
    /// <summary>Every task is the whole data set under its own seeded pixel permutation (domain-incremental).</summary>
    Permuted,

    /// <summary>Each task holds a few classes and is answered among them (task-incremental).</summary>
    Split,
}

/// <summary>A way of training the task sequence.</summary>
public enum ContinualMethod
{
    /// <summary>HLOP on top of the base rule.</summary>
    Hlop,

    /// <summary>The base rule, task after task, unprotected.</summary>
    Sequential,

    /// <summary>The base rule on every task's data at once (the upper reference).</summary>
    Multitask,
}

/// <summary>What <c>neurochip continual</c> was asked to do.</summary>
public sealed record ContinualOptions
{
    public string Dataset { get; init; } = "digits";

    public string? DataDirectory { get; init; }

    public TaskSequenceKind Sequence { get; init; } = TaskSequenceKind.Split;

    /// <summary>Number of permuted tasks (permuted sequences only).</summary>
    public int Tasks { get; init; } = 10;

    /// <summary>Classes per split task.</summary>
    public int ClassesPerTask { get; init; } = 2;

    public IReadOnlyList<ContinualMethod> Methods { get; init; } = [ContinualMethod.Hlop, ContinualMethod.Sequential, ContinualMethod.Multitask];

    public IReadOnlyList<int> Hidden { get; init; } = [100];

    public int Timesteps { get; init; } = 6;

    public double Tau { get; init; } = 2;

    public int EpochsPerTask { get; init; } = 1;

    public LearningRuleSpec Rule { get; init; } = new();

    public HlopSpec Hlop { get; init; } = new();

    public float InitGain { get; init; } = 1;

    /// <summary>Use only the first N training samples of the data set (0 = all), before the tasks are made.</summary>
    public int TrainLimit { get; init; }

    public int TestLimit { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>Where the methods learn: the float reference, or the chip's fixed point on the event engine (HLOP's lateral neurons included).</summary>
    public LearningPrecision Precision { get; init; } = LearningPrecision.Float;

    /// <summary>Chip preset or spec file for <see cref="LearningPrecision.Chip"/>.</summary>
    public string Chip { get; init; } = "nc-learn";

    /// <summary>Plastic weight mantissa width on the chip.</summary>
    public int WeightBits { get; init; } = 16;
}
