namespace NeuroChip.OnChipLearning.Rounding;

/// <summary>
/// A core's seeded generator (xorshift64*) and the stochastic right shift it drives:
/// <c>(x + r) &gt;&gt; s</c> with r uniform in [0, 2^s), whose expectation is exactly x / 2^s.
/// </summary>
public sealed class StochasticRounder
{
    private ulong state;

    public StochasticRounder(ulong seed)
    {
        state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        for (int i = 0; i < 4; i++)
        {
            Next();
        }
    }

    public ulong Next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>±1 with equal probability (Rademacher noise).</summary>
    public int NextSign() => (Next() >> 63) == 0 ? 1 : -1;

    /// <summary>Shifts right by <paramref name="shift"/> rounding stochastically; shift ≤ 0 shifts left exactly.</summary>
    public long ShiftRight(long value, int shift)
    {
        if (shift <= 0)
        {
            return value << -shift;
        }

        long r = (long)(Next() >> (64 - shift));
        return (value + r) >> shift;
    }
}
