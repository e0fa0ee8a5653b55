using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Learners;

/// <summary>
/// Which learner to build for a feed-forward network: the float reference (<see cref="Chip"/> null), or the chip's
/// fixed point from the reference's seeded initial weights; with <see cref="Hlop"/>, HLOP's lateral subspace around either.
/// </summary>
public sealed record LearnerSpec
{
    public required SnnSpec Network { get; init; }

    public required LearningRuleSpec Rule { get; init; }

    /// <summary>Scale of the reference's seeded initial weights.</summary>
    public float InitGain { get; init; } = 1f;

    /// <summary>The chip to learn on; null learns in float.</summary>
    public ChipSpec? Chip { get; init; }

    /// <summary>The chip's formats and engine threads (its <see cref="ChipLearningOptions.Hlop"/> is set from <see cref="Hlop"/>).</summary>
    public ChipLearningOptions ChipOptions { get; init; } = new();

    public HlopSpec? Hlop { get; init; }

    /// <summary>Tasks the chip's lateral neurons are laid out for.</summary>
    public int HlopTasks { get; init; } = 1;
}

/// <summary>Which learner to build for a feedback network (IDE, SPIDE): the float reference, or SPIDE in the chip's fixed point.</summary>
public sealed record FeedbackLearnerSpec
{
    public required FeedbackSnnSpec Network { get; init; }

    public required EquilibriumSpec Rule { get; init; }

    public float InitGain { get; init; } = 1f;

    public ChipSpec? Chip { get; init; }

    public ChipLearningOptions ChipOptions { get; init; } = new();
}
