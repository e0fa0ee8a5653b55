namespace NeuroChip.OnChipLearning.Training;

/// <summary>A network that learns one sample at a time and predicts without learning (float reference or chip).</summary>
public interface ISampleLearner
{
    bool Train(ReadOnlySpan<float> x, int label);

    int Predict(ReadOnlySpan<float> x);

    /// <summary>Multiplies the rule's learning rate (set per epoch by a schedule); 1 by default.</summary>
    double LearningRateScale { get; set; }

    /// <summary>
    /// <see cref="Training.FeedbackAlignment.Cosine"/> of the top hidden layer's feedback matrix with the readout
    /// weights, for credit paths that have one (DFA, OPZO); null otherwise.
    /// </summary>
    double? FeedbackAlignment => null;
}
