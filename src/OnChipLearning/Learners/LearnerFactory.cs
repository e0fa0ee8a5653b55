using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Chip.Feedback;

namespace NeuroChip.OnChipLearning.Learners;

/// <summary>The one place learners are built: the float reference first, then the chip's learner from its initial weights.</summary>
public static class LearnerFactory
{
    public static LearnerSet Create(LearnerSpec spec)
    {
        var reference = new ReferenceLearningSnn(spec.Network, spec.Rule, spec.InitGain);
        ChipSnn? onChip = spec.Chip is null ? null : OnChip(spec, reference);
        HlopLearner? hlop = spec.Hlop is not null && onChip is null ? new HlopLearner(reference, spec.Hlop) : null;
        return new LearnerSet(reference, onChip, hlop);
    }

    /// <summary>A chip learner starting from <paramref name="reference"/>'s current weights (copied).</summary>
    public static ChipSnn OnChip(LearnerSpec spec, ReferenceLearningSnn reference)
    {
        ArgumentNullException.ThrowIfNull(spec.Chip);
        ChipLearningOptions options = spec.ChipOptions with { Hlop = spec.Hlop, HlopTasks = spec.HlopTasks };
        IReadOnlyList<float[]> initial = Enumerable.Range(0, spec.Network.Sizes.Length - 1).Select(l => (float[])reference.Weights(l).Clone()).ToList();
        return new ChipSnn(spec.Network, spec.Rule, spec.Chip, options, initial);
    }

    public static FeedbackLearnerSet Create(FeedbackLearnerSpec spec)
    {
        var reference = new FeedbackSnn(spec.Network, spec.Rule, spec.InitGain);
        return new FeedbackLearnerSet(reference, spec.Chip is null ? null : OnChip(spec, reference));
    }

    /// <summary>SPIDE on the chip starting from <paramref name="reference"/>'s current F, W and R.</summary>
    public static ChipFeedbackSnn OnChip(FeedbackLearnerSpec spec, FeedbackSnn reference)
    {
        ArgumentNullException.ThrowIfNull(spec.Chip);
        return new ChipFeedbackSnn(spec.Network, spec.Rule, spec.Chip, spec.ChipOptions, reference.Input, reference.Feedback, reference.Readout);
    }
}
