using NeuroChip.OnChipLearning.Appliers;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Chip.Feedback;
using NeuroChip.OnChipLearning.Continual;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Learners;

/// <summary>The learners built for one feed-forward run; <see cref="Learner"/> is the one to train. Disposing frees the chip's engine.</summary>
public sealed class LearnerSet : IDisposable
{
    internal LearnerSet(ReferenceLearningSnn reference, ChipSnn? onChip, HlopLearner? hlop)
    {
        Reference = reference;
        OnChip = onChip;
        Hlop = hlop;
        Continual = onChip ?? hlop ?? (IContinualLearner)new SequentialLearner(reference);
    }

    public ReferenceLearningSnn Reference { get; }

    public ChipSnn? OnChip { get; }

    /// <summary>HLOP on the float reference (null on the chip, whose learner runs HLOP itself).</summary>
    public HlopLearner? Hlop { get; }

    /// <summary>The learner that trains: the chip's, else HLOP's, else the reference.</summary>
    public ISampleLearner Learner => OnChip ?? Hlop ?? (ISampleLearner)Reference;

    /// <summary>The learner as a task sequence sees it.</summary>
    public IContinualLearner Continual { get; }

    public void Dispose() => OnChip?.Dispose();
}

/// <summary>The learners built for one feedback-network run. Disposing frees the chip's engine.</summary>
public sealed class FeedbackLearnerSet : IDisposable
{
    internal FeedbackLearnerSet(FeedbackSnn reference, ChipFeedbackSnn? onChip)
    {
        Reference = reference;
        OnChip = onChip;
    }

    public FeedbackSnn Reference { get; }

    public ChipFeedbackSnn? OnChip { get; }

    public ISampleLearner Learner => OnChip ?? (ISampleLearner)Reference;

    public void Dispose() => OnChip?.Dispose();
}
