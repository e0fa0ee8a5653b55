using NeuroChip.EventSim.Fixed;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// The number format of one plastic weight matrix: its mantissa unit is the power of two nearest
/// range / (2^(bits−1) − 1), i.e. exponent e with LSB = 2^(e + shift) / unit, where shift is the input shift (6)
/// plus the payload's bits for graded rows and unit is the post neuron's float unit in register units.
/// </summary>
public readonly record struct PlasticScale(int Exponent, double Lsb, int WeightBits)
{
    public static PlasticScale For(double range, int bits, long unit, int shift)
    {
        double lsbTarget = range / ((1 << (bits - 1)) - 1);
        int exponent = Math.Clamp((int)Math.Round(Math.Log2(lsbTarget * unit)) - shift, BitWidths.WeightExponentMin, BitWidths.WeightExponentMax);
        return new PlasticScale(exponent, Math.Pow(2, exponent + shift) / unit, bits);
    }

    /// <summary>Round to the nearest mantissa, saturating at the signed range of <paramref name="bits"/>.</summary>
    public static short Quantise(double w, double lsb, int bits)
    {
        int max = (1 << (bits - 1)) - 1;
        return (short)Math.Clamp((int)Math.Round(w / lsb), -max, max);
    }

    /// <summary>Every weight of <paramref name="weights"/> (pre-major, as a dense row holds them) as a mantissa.</summary>
    public short[] Quantise(float[] weights)
    {
        var mantissas = new short[weights.Length];
        for (int k = 0; k < weights.Length; k++)
        {
            mantissas[k] = Quantise(weights[k], Lsb, WeightBits);
        }

        return mantissas;
    }

    /// <summary>The layer in this format on the slices the compiler chose.</summary>
    public PlasticLayer Layer(int index, int pre, int post, IReadOnlyList<LayerSlice> slices, bool spiking) => new()
    {
        Index = index,
        Pre = pre,
        Post = post,
        Slices = slices,
        Exponent = Exponent,
        Lsb = Lsb,
        Spiking = spiking,
    };
}
