using MathNet.Numerics.Statistics;

namespace NeuroChip.Mapping.Conversion;

/// <summary>Per-layer threshold rules: a percentile of the activations (Rueckauer et al.) or minimum squared error (Li et al.).</summary>
public static class ThresholdSelection
{
    /// <summary>
    /// The <paramref name="percentile"/>-th percentile of <c>max(z, 0)</c> over all values, nearest rank: the value at
    /// 1-based rank ⌈p/100 · n⌉ of the sorted values (100 = max). That is MathNet's <see cref="QuantileDefinition.R1"/>
    /// (inverse of the empirical distribution function: index ⌈n·τ + ½ − ½⌉ − 1). Falls back to 1 when every activation
    /// is zero, so the layer still has a usable threshold.
    /// </summary>
    public static double Percentile(ReadOnlySpan<float> values, double percentile)
    {
        if (values.IsEmpty)
        {
            return 1.0;
        }

        var clipped = new double[values.Length];
        double max = 0;
        for (int i = 0; i < values.Length; i++)
        {
            clipped[i] = Math.Max(values[i], 0f);
            max = Math.Max(max, clipped[i]);
        }

        double value = ArrayStatistics.QuantileCustomInplace(clipped, Math.Clamp(percentile / 100.0, 0, 1), QuantileDefinition.R1);
        return value > 0 ? value : FallbackThreshold((float)max);
    }

    /// <summary>
    /// Li et al.'s threshold: among θ_i = max·(1 − 0.01·i), i = 0..94, the one that minimises
    /// Σ (max(z, 0) − r_IF(z; θ_i, T))² with r_IF the analytic IF output (<see cref="IfRate"/>).
    /// </summary>
    public static double MinimumSquaredError(ReadOnlySpan<float> values, int timesteps, bool shifted)
    {
        float max = 0f;
        foreach (float v in values)
        {
            max = Math.Max(max, v);
        }

        if (max <= 0f)
        {
            return FallbackThreshold(max);
        }

        double best = max;
        double bestError = double.PositiveInfinity;
        for (int i = 0; i <= 94; i++)
        {
            double candidate = max * (1 - (0.01 * i));
            double error = IfRate.SquaredError(values, candidate, timesteps, shifted);
            if (error < bestError)
            {
                bestError = error;
                best = candidate;
            }
        }

        return best;
    }

    private static double FallbackThreshold(float max) => max > 0 ? max : 1.0;
}
