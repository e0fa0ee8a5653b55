using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Continual;

/// <summary>A learner that is told when a new task starts and can answer among a task's classes.</summary>
public interface IContinualLearner : ISampleLearner
{
    /// <summary>Called before the first sample of task <paramref name="task"/> (0, 1, …).</summary>
    void BeginTask(int task);

    /// <summary>The predicted class among <paramref name="classes"/> (all classes when empty).</summary>
    int Predict(ReadOnlySpan<float> x, ReadOnlySpan<int> classes);
}
