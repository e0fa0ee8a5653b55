namespace NeuroChip.OnChipLearning.Training;

/// <summary>
/// The instantaneous loss of online training, ℓ[t] = [(1 − γ)·CE(softmax(o[t]), y) + γ·MSE(o[t], onehot(y))] / T,
/// and its gradient e = ∂ℓ/∂o, which the learning controller broadcasts.
/// </summary>
public static class Loss
{
    /// <summary>Writes e = ∂ℓ/∂o into <paramref name="error"/> and returns ℓ.</summary>
    public static double Instantaneous(ReadOnlySpan<double> output, int label, double gamma, int timesteps, Span<double> error)
    {
        int m = output.Length;
        double max = double.NegativeInfinity;
        foreach (double o in output)
        {
            max = Math.Max(max, o);
        }

        double sum = 0;
        for (int c = 0; c < m; c++)
        {
            sum += Math.Exp(output[c] - max);
        }

        double ce = -(output[label] - max - Math.Log(sum));
        double mse = 0;
        for (int c = 0; c < m; c++)
        {
            double y = c == label ? 1 : 0;
            double p = Math.Exp(output[c] - max) / sum;
            double d = output[c] - y;
            mse += d * d / m;
            error[c] = (((1 - gamma) * (p - y)) + (gamma * 2 * d / m)) / timesteps;
        }

        return (((1 - gamma) * ce) + (gamma * mse)) / timesteps;
    }
}
