namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// A positive real factor F as a chip multiplies by it: a 15-bit mantissa K and a right shift S, F ≈ K / 2^S.
/// </summary>
public readonly record struct FixedScale(long Mantissa, int Shift)
{
    public static FixedScale From(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            return new FixedScale(0, 0);
        }

        int shift = 14 - (int)Math.Floor(Math.Log2(factor));
        return new FixedScale((long)Math.Round(factor * Math.Pow(2, shift)), shift);
    }

    public double Value => Mantissa * Math.Pow(2, -Shift);
}
