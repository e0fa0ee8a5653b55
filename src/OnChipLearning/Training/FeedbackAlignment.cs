namespace NeuroChip.OnChipLearning.Training;

/// <summary>
/// How well a hidden layer's feedback matrix (DFA's fixed B, OPZO's estimate M) points along the weight transport
/// that spatial credit would use: the cosine between the top hidden layer's feedback and the readout weights, both
/// laid out [hidden neuron · outputs]. 1 is exact transport; a fixed random B starts near 0 and feedback alignment
/// raises it as the readout learns to agree with B.
/// </summary>
public static class FeedbackAlignment
{
    public static double Cosine(ReadOnlySpan<float> feedback, ReadOnlySpan<float> readout)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(feedback.Length, readout.Length);
        double dot = 0;
        double ff = 0;
        double rr = 0;
        for (int k = 0; k < feedback.Length; k++)
        {
            dot += (double)feedback[k] * readout[k];
            ff += (double)feedback[k] * feedback[k];
            rr += (double)readout[k] * readout[k];
        }

        return ff == 0 || rr == 0 ? 0 : dot / Math.Sqrt(ff * rr);
    }
}
