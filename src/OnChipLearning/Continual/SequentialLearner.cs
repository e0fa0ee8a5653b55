using NeuroChip.OnChipLearning.Appliers;

namespace NeuroChip.OnChipLearning.Continual;

/// <summary>The unprotected baseline: the base rule trains on task after task and nothing guards old tasks.</summary>
public sealed class SequentialLearner(ReferenceLearningSnn snn) : IContinualLearner
{
    public ReferenceLearningSnn Network => snn;

    public double LearningRateScale
    {
        get => snn.LearningRateScale;
        set => snn.LearningRateScale = value;
    }

    public void BeginTask(int task)
    {
    }

    public bool Train(ReadOnlySpan<float> x, int label) => snn.Train(x, label);

    public int Predict(ReadOnlySpan<float> x) => snn.Predict(x);

    public int Predict(ReadOnlySpan<float> x, ReadOnlySpan<int> classes) => snn.Predict(x, classes);
}
