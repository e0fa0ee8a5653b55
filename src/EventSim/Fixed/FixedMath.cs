using System.Runtime.CompilerServices;

namespace NeuroChip.EventSim.Fixed;

/// <summary>
/// Fixed-point primitives of the datapath. Each names its overflow behaviour; none hides a
/// hardware decision behind a bare operator.
/// </summary>
public static class FixedMath
{
    /// <summary>Reduces <paramref name="value"/> modulo 2^bits into the signed range (two's-complement wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WrapSigned(long value, int bits)
    {
        int shift = 64 - bits;
        return (int)((value << shift) >> shift);
    }

    /// <summary>Adds and wraps to a signed register of <paramref name="bits"/> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AddWrapping(int a, int b, int bits) => WrapSigned((long)a + b, bits);

    /// <summary>Clips to the symmetric signed range [−(2^(bits−1) − 1), 2^(bits−1) − 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SaturateSymmetric(long value, int bits)
    {
        long max = (1L << (bits - 1)) - 1;
        return (int)Math.Clamp(value, -max, max);
    }

    /// <summary>
    /// Clips to [−<paramref name="max"/>, <paramref name="max"/>] (a weight or register of a given
    /// magnitude limit); <paramref name="clipped"/> tells whether it had to, so learning can count saturated updates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SaturateSymmetric(long value, long max, out bool clipped)
    {
        clipped = value > max || value < -max;
        return clipped ? Math.Clamp(value, -max, max) : value;
    }

    /// <summary>Adds and clips to the symmetric signed range of <paramref name="bits"/> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int AddSaturating(long a, long b, int bits) => SaturateSymmetric(a + b, bits);

    /// <summary>
    /// Multiplies the magnitude of <paramref name="x"/> by <paramref name="keepQ12"/>/4096 and shifts
    /// right, so the result rounds toward zero: <c>sign(x)·((|x|·keep) &gt;&gt; 12)</c>.
    /// This is Loihi's decay: keep = 4096 − decay − offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MulShiftMagnitude(int x, int keepQ12)
    {
        long magnitude = Math.Abs((long)x);
        long scaled = (magnitude * keepQ12) >> BitWidths.DecayShift;
        return (int)(x < 0 ? -scaled : scaled);
    }

    /// <summary>Shifts left for a non-negative exponent, arithmetic right for a negative one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ShiftByExponent(long mantissa, int exponent) =>
        exponent >= 0 ? mantissa << exponent : mantissa >> -exponent;

    /// <summary>The multiplier that a decay constant leaves: 4096 − decay − offset, never negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int KeepFactor(int decayQ12, int offset) => Math.Max(0, BitWidths.DecayUnity - decayQ12 - offset);
}
