using System.Numerics;
using NeuroChip.EventSim.Fixed;

namespace NeuroChip.EventSim.Tests.Fixed;

/// <summary>
/// The datapath's fixed-point primitives against arbitrary-precision arithmetic (<see cref="BigInteger"/>), which cannot
/// overflow: each result is what the named rule (wrap, saturate, multiply-shift toward zero) says for the exact value.
/// </summary>
public sealed class FixedMathPropertyTests
{
    private const int Iterations = 20_000;

    [Fact]
    public void WrapSigned_AnyValueAndWidth_IsTheExactValueModulo2PowBitsInTheSignedRange()
    {
        Gen.Select(Gen.Long, Gen.Int[2, 32]).Sample((value, bits) =>
        {
            BigInteger modulus = BigInteger.One << bits;
            BigInteger half = modulus >> 1;
            BigInteger r = ((value % modulus) + modulus) % modulus;        // 0 ≤ r < 2^bits, r ≡ value
            BigInteger expected = r >= half ? r - modulus : r;               // −2^(bits−1) ≤ expected < 2^(bits−1)
            Assert.Equal((long)expected, FixedMath.WrapSigned(value, bits));
        }, iter: Iterations);
    }

    [Fact]
    public void AddWrapping_AnyOperandsAndWidth_EqualsTheExactSumWrapped()
    {
        Gen.Select(Gen.Int, Gen.Int, Gen.Int[2, 32]).Sample((a, b, bits) =>
        {
            BigInteger modulus = BigInteger.One << bits;
            BigInteger r = ((((BigInteger)a + b) % modulus) + modulus) % modulus;
            BigInteger expected = r >= (modulus >> 1) ? r - modulus : r;
            Assert.Equal((long)expected, FixedMath.AddWrapping(a, b, bits));
        }, iter: Iterations);
    }

    [Fact]
    public void SaturateSymmetric_AnyValueAndWidth_ClipsTheExactValueToPlusMinus2PowBitsMinus1Minus1()
    {
        Gen.Select(Gen.Long, Gen.Int[2, 32]).Sample((value, bits) =>
        {
            BigInteger max = (BigInteger.One << (bits - 1)) - 1;
            BigInteger expected = BigInteger.Min(max, BigInteger.Max(-max, value));
            int got = FixedMath.SaturateSymmetric(value, bits);
            Assert.Equal((long)expected, got);
            if (value != long.MinValue)
            {
                Assert.Equal(-got, FixedMath.SaturateSymmetric(-value, bits)); // the range is symmetric, so is the clip
            }
        }, iter: Iterations);
    }

    [Fact]
    public void SaturateSymmetric_AnyValueAndMagnitudeLimit_ClipsToTheLimitAndSaysWhetherItDid()
    {
        // The learning weights' form: a limit (2^(w−1) − 1 for w-bit weights, up to 2^31 − 1 for registers), any update.
        Gen.Select(Gen.Long[-(1L << 40), 1L << 40], Gen.Long[0, int.MaxValue]).Sample((value, max) =>
        {
            BigInteger exact = value;
            BigInteger expected = BigInteger.Min(BigInteger.Max(exact, -max), max);
            long clipped = FixedMath.SaturateSymmetric(value, max, out bool saturated);
            Assert.Equal((long)expected, clipped);
            Assert.Equal(BigInteger.Abs(exact) > max, saturated);
        }, iter: Iterations);

        // By hand: 16-bit weights (max 32,767): 40,000 clips to 32,767, −40,000 to −32,767, 32,767 stays and is not counted.
        Assert.Equal(32_767, FixedMath.SaturateSymmetric(40_000, 32_767, out bool up));
        Assert.Equal(-32_767, FixedMath.SaturateSymmetric(-40_000, 32_767, out bool down));
        Assert.Equal(32_767, FixedMath.SaturateSymmetric(32_767, 32_767, out bool edge));
        Assert.Equal((true, true, false), (up, down, edge));
    }

    [Fact]
    public void AddSaturating_OperandsOfTheDatapath_ClipTheExactSum()
    {
        // The callers add widened ints (state registers, accumulated inputs), so operands are drawn from the int range
        // and twice it; the exact sum is then clipped to ±(2^(bits−1) − 1).
        Gen.Select(Gen.Long[-(1L << 33), 1L << 33], Gen.Long[-(1L << 33), 1L << 33], Gen.Int[2, 32]).Sample((a, b, bits) =>
        {
            BigInteger max = (BigInteger.One << (bits - 1)) - 1;
            BigInteger expected = BigInteger.Min(max, BigInteger.Max(-max, (BigInteger)a + b));
            Assert.Equal((long)expected, FixedMath.AddSaturating(a, b, bits));
            Assert.Equal(FixedMath.AddSaturating(a, b, bits), FixedMath.AddSaturating(b, a, bits));
        }, iter: Iterations);
    }

    [Fact]
    public void MulShiftMagnitude_AnyStateAndKeep_IsSignTimesFloorOfMagnitudeTimesKeepOver4096()
    {
        Gen.Select(Gen.Int, Gen.Int[0, BitWidths.DecayUnity]).Sample((x, keep) =>
        {
            BigInteger magnitude = BigInteger.Abs(x);
            BigInteger expected = (magnitude * keep) / BitWidths.DecayUnity; // both non-negative: division floors
            if (x < 0)
            {
                expected = -expected;
            }

            Assert.Equal((long)expected, FixedMath.MulShiftMagnitude(x, keep));
        }, iter: Iterations);
    }

    [Fact]
    public void MulShiftMagnitude_NegatedState_GivesTheNegatedResult()
    {
        // Rounding toward zero (not toward −∞) makes the decay odd-symmetric: decay(−x) = −decay(x). An arithmetic
        // right shift of x·keep would break this for negative x (−1·2048 >> 12 = −1, but 1·2048 >> 12 = 0).
        Gen.Select(Gen.Int[-int.MaxValue, int.MaxValue], Gen.Int[0, BitWidths.DecayUnity]).Sample((x, keep) =>
            Assert.Equal(-FixedMath.MulShiftMagnitude(x, keep), FixedMath.MulShiftMagnitude(-x, keep)), iter: Iterations);
    }

    [Fact]
    public void ShiftByExponent_WeightAndBiasExponents_MultiplyOrFloorDivideByPowersOfTwo()
    {
        // Mantissas up to 2^31 in magnitude and exponents of the weight (−8..7) and bias (0..7) fields, widened to
        // −30..30 so that no product leaves 64 bits: left shift multiplies, right shift is floor division (toward −∞).
        Gen.Select(Gen.Long[-(1L << 31), 1L << 31], Gen.Int[-30, 30]).Sample((mantissa, exponent) =>
        {
            BigInteger expected;
            if (exponent >= 0)
            {
                expected = (BigInteger)mantissa << exponent;
            }
            else
            {
                BigInteger divisor = BigInteger.One << -exponent;
                expected = BigInteger.Divide(mantissa, divisor);              // truncates toward zero
                if (mantissa < 0 && mantissa % divisor != 0)
                {
                    expected -= 1;                                             // so step down to the floor
                }
            }

            Assert.Equal((long)expected, FixedMath.ShiftByExponent(mantissa, exponent));
        }, iter: Iterations);
    }

    [Fact]
    public void KeepFactor_AnyDecayAndOffset_Is4096MinusBothButNeverNegative()
    {
        Gen.Select(Gen.Int[0, BitWidths.DecayMax], Gen.Int[0, 1]).Sample((decay, offset) =>
            Assert.Equal(Math.Max(0, 4096 - decay - offset), FixedMath.KeepFactor(decay, offset)), iter: 2_000);
    }

    [Fact]
    public void Primitives_HandPickedEdges_MatchHandArithmetic()
    {
        // 2^23 in a 24-bit register wraps to −2^23 = −8,388,608 and saturates to 2^23 − 1 = 8,388,607.
        Assert.Equal(-8_388_608, FixedMath.WrapSigned(1L << 23, 24));
        Assert.Equal(8_388_607, FixedMath.SaturateSymmetric(1L << 23, 24));
        // The symmetric range excludes −2^23: −2^23 saturates to −8,388,607.
        Assert.Equal(-8_388_607, FixedMath.SaturateSymmetric(-(1L << 23), 24));
        // (8,388,607 + 1) wraps in 24 bits: −8,388,608.
        Assert.Equal(-8_388_608, FixedMath.AddWrapping(8_388_607, 1, 24));
        // −4097 · 2048 / 4096 = −2048.5, toward zero: −2048.
        Assert.Equal(-2048, FixedMath.MulShiftMagnitude(-4097, 2048));
        // −3 >> 1 = floor(−1.5) = −2; 5 << 3 = 40.
        Assert.Equal((-2L, 40L), (FixedMath.ShiftByExponent(-3, -1), FixedMath.ShiftByExponent(5, 3)));
    }
}
