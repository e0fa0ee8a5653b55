namespace NeuroChip.OnChipLearning.Training;

/// <summary>
/// A control variate for OPZO's single-point estimate z·õᵀ/α: a running mean b of the readout per (label, tick),
/// subtracted from õ before the outer product. b comes from earlier samples only, so it is independent of the
/// current noise z and E[z·(õ − b)ᵀ] = E[z·õᵀ]: the expectation (the Jacobian estimate) is unchanged while the
/// part of õ that does not depend on z — large once the readout is confident — no longer adds variance to M.
/// On a chip the learning controller keeps the outputs × ticks × classes values.
/// </summary>
public sealed class OutputBaseline
{
    private readonly double[] mean;
    private readonly int outputs;
    private readonly int ticks;
    private readonly double keep;

    /// <param name="outputs">Readout size (and number of labels).</param>
    /// <param name="ticks">Ticks per sample.</param>
    /// <param name="momentum">λ_b of the running mean, in [0, 1).</param>
    public OutputBaseline(int outputs, int ticks, double momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticks);
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The baseline's momentum must be in [0, 1).");
        }

        this.outputs = outputs;
        this.ticks = ticks;
        keep = momentum;
        mean = new double[outputs * ticks * outputs];
    }

    /// <summary>The readout the feedback estimate uses: õ − b(label, tick) with a baseline, õ itself without one.</summary>
    public static void EstimateOutput(OutputBaseline? baseline, ReadOnlySpan<double> output, int label, int tick, Span<double> into)
    {
        if (baseline is null)
        {
            output.CopyTo(into);
        }
        else
        {
            baseline.Centre(output, label, tick, into);
        }
    }

    /// <summary>Writes õ − b(label, tick) into <paramref name="centred"/>, then moves b towards õ.</summary>
    public void Centre(ReadOnlySpan<double> output, int label, int tick, Span<double> centred)
    {
        Span<double> b = mean.AsSpan(((label * ticks) + Math.Min(tick, ticks - 1)) * outputs, outputs);
        for (int c = 0; c < outputs; c++)
        {
            centred[c] = output[c] - b[c];
            b[c] = (keep * b[c]) + ((1 - keep) * output[c]);
        }
    }
}
