namespace NeuroChip.OnChipLearning.Training;

/// <summary>
/// Fixed random feedback matrices B^l (n_l × m), generated from a seed so a chip can regenerate them
/// instead of storing them: uniform in ±√(6 / (n_l + m)).
/// </summary>
public static class FeedbackPaths
{
    /// <summary>The generator seed of the feedback matrices for a rule seed: the float reference and the chip draw the same B.</summary>
    public static int SeedFor(int ruleSeed) => unchecked((ruleSeed * 31) + 17);

    public static float[] Random(int neurons, int outputs, Random rng)
    {
        float scale = (float)Math.Sqrt(6.0 / (neurons + outputs));
        var b = new float[neurons * outputs];
        for (int k = 0; k < b.Length; k++)
        {
            b[k] = (float)((rng.NextDouble() * 2) - 1) * scale;
        }

        return b;
    }
}
