namespace NeuroChip.OnChipLearning.Training;

/// <summary>A network that learns one sample at a time and predicts without learning (float reference or chip).</summary>
public interface ISampleLearner
{
    bool Train(ReadOnlySpan<float> x, int label);

    int Predict(ReadOnlySpan<float> x);

    /// <summary>Multiplies the rule's learning rate (set per epoch by a schedule); 1 by default.</summary>
    double LearningRateScale { get; set; }
}
