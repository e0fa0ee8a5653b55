namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// The output of an IF neuron with soft reset under a constant input z for T ticks, in input units:
/// <code>
///   plain     r = (θ/T) · floor(clip(T·z/θ, 0, T))
///   shifted   r = (θ/T) · floor(clip(T·z/θ + 1/2, 0, T))     (θ/2 initial potential or θ/(2T) bias: round instead of floor)
/// </code>
/// The chip fires on v &gt; θ, which differs from the formula only when T·z/θ (+ 1/2) is an exact integer.
/// </summary>
public static class IfRate
{
    public static double Analytic(double z, double threshold, int timesteps, bool shifted)
    {
        double level = Math.Floor((timesteps * z / threshold) + (shifted ? 0.5 : 0.0));
        return threshold / timesteps * Math.Clamp(level, 0, timesteps);
    }

    /// <summary>Σ (max(z, 0) − <see cref="Analytic"/>)² over <paramref name="values"/>.</summary>
    public static double SquaredError(ReadOnlySpan<float> values, double threshold, int timesteps, bool shifted)
    {
        double sum = 0;
        foreach (float z in values)
        {
            double e = Math.Max(z, 0) - Analytic(z, threshold, timesteps, shifted);
            sum += e * e;
        }

        return sum;
    }
}
