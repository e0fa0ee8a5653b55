namespace NeuroChip.Training;

/// <summary>
/// Loss = −log softmax(z)[label] computed stably as log Σ exp(z − max) − (z[label] − max);
/// gradient dLoss/dz = softmax(z) − onehot(label).
/// </summary>
internal static class SoftmaxCrossEntropy
{
    public static double LossAndGradient(ReadOnlySpan<float> logits, int label, Span<float> gradient)
    {
        float max = logits[0];
        for (int i = 1; i < logits.Length; i++)
        {
            max = Math.Max(max, logits[i]);
        }

        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double e = Math.Exp(logits[i] - max);
            gradient[i] = (float)e;
            sum += e;
        }

        for (int i = 0; i < logits.Length; i++)
        {
            gradient[i] = (float)(gradient[i] / sum);
        }

        gradient[label] -= 1f;
        return Math.Log(sum) - (logits[label] - max);
    }
}
