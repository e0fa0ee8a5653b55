using NeuroChip.EventSim.Fixed;

namespace NeuroChip.Mapping.Quantization;

/// <summary>
/// Weights to signed mantissas with a shared exponent: <c>value ≈ mantissa · 2^e</c> in a_in units.
/// Only exponents ≥ 0 are candidates: a negative exponent right-shifts (floors) the mantissa, so it can
/// only represent a subset of the integers that exponent 0 represents exactly.
/// </summary>
internal static class WeightQuantizer
{
    /// <summary>Signed range of a mantissa of <paramref name="bits"/> bits; 1 bit holds −1, 0, +1.</summary>
    public static (int Min, int Max) MantissaRange(int bits) => bits == 1 ? (-1, 1) : (-(1 << (bits - 1)), (1 << (bits - 1)) - 1);

    /// <summary>The mantissa of <paramref name="value"/> (a_in units) at exponent <paramref name="exponent"/>, rounded half away from zero and clipped.</summary>
    public static sbyte Quantize(double value, int exponent, int min, int max, out bool clipped)
    {
        double m = Math.Round(value / (1 << exponent), MidpointRounding.AwayFromZero);
        clipped = m < min || m > max;
        return (sbyte)Math.Clamp(m, min, max);
    }

    /// <summary>
    /// The exponent that minimises the squared error of <paramref name="weights"/>·<paramref name="scale"/>:
    /// the smallest exponent that clips nothing, or one or two below it when clipping the few largest
    /// weights buys enough resolution for the rest.
    /// </summary>
    public static int ChooseExponent(IReadOnlyList<ArraySegment<float>> weights, double scale, int bits)
    {
        (int min, int max) = MantissaRange(bits);
        double maxAbs = 0;
        foreach (ArraySegment<float> segment in weights)
        {
            foreach (float w in segment)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(w * scale));
            }
        }

        int noClip = 0;
        while (noClip < BitWidths.WeightExponentMax && maxAbs / (1 << noClip) >= max + 0.5)
        {
            noClip++;
        }

        int best = noClip;
        double bestError = SquaredError(weights, scale, noClip, min, max);
        for (int e = noClip - 1; e >= Math.Max(0, noClip - 2); e--)
        {
            double error = SquaredError(weights, scale, e, min, max);
            if (error < bestError)
            {
                best = e;
                bestError = error;
            }
        }

        return best;
    }

    private static double SquaredError(IReadOnlyList<ArraySegment<float>> weights, double scale, int exponent, int min, int max)
    {
        double sum = 0;
        double step = 1 << exponent;
        foreach (ArraySegment<float> segment in weights)
        {
            foreach (float w in segment)
            {
                double x = w * scale;
                double q = Math.Clamp(Math.Round(x / step, MidpointRounding.AwayFromZero), min, max) * step;
                sum += (q - x) * (q - x);
            }
        }

        return sum;
    }
}
