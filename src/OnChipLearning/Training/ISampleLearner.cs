namespace NeuroChip.OnChipLearning.Training;

/// <summary>A network that learns one sample at a time and predicts without learning (float reference or chip).</summary>
public interface ISampleLearner
{
    bool Train(ReadOnlySpan<float> x, int label);

    int Predict(ReadOnlySpan<float> x);
}
