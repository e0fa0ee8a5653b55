namespace NeuroChip.OnChipLearning.Surrogates;

/// <summary>
/// The surrogate ψ as a chip reads it: 64 entries over x = (v − θ)/θ ∈ [−2, 2), values in Q8
/// (256 = 1.0). Outside the table ψ is 0 (for α = 4 it is below 0.0013 there).
/// </summary>
public sealed class SurrogateTable
{
    public const int Entries = 64;
    public const int FractionBits = 8;
    private const double Range = 2;
    private readonly int[] values = new int[Entries];

    public SurrogateTable(double alpha)
    {
        for (int k = 0; k < Entries; k++)
        {
            double x = -Range + ((k + 0.5) * 2 * Range / Entries);
            values[k] = (int)Math.Round(Surrogate.Psi(x, alpha) * (1 << FractionBits));
        }
    }

    /// <summary>ψ in Q8 for a pre-reset voltage <paramref name="v"/> and threshold <paramref name="theta"/> (register units).</summary>
    public int Lookup(long v, long theta)
    {
        // k = floor((x + 2) · 16) with x = (v − θ)/θ, computed without division by a float.
        long k = ((v - theta + (2 * theta)) * (Entries / (2 * (long)Range))) / theta;
        if (v - theta + (2 * theta) < 0 || k >= Entries)
        {
            return 0;
        }

        return values[k];
    }
}
