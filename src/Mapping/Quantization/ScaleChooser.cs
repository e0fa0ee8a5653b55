using NeuroChip.EventSim.Fixed;

namespace NeuroChip.Mapping.Quantization;

/// <summary>
/// Chooses a population's scale S (a_in units per membrane unit). The threshold becomes
/// <c>θ·S</c>, a weight <c>w·S</c>. S aims at a threshold mantissa near the target, but never so high that
/// the largest weight overflows the largest mantissa at the largest exponent; and if the weights are so
/// small against the threshold that they would not reach the full mantissa at exponent 0, S rises
/// (up to the threshold field's limit) to keep their resolution.
/// </summary>
internal static class ScaleChooser
{
    public static double Choose(double maxThreshold, double maxWeight, int weightBits, int thresholdTarget)
    {
        int maxMantissa = WeightQuantizer.MantissaRange(weightBits).Max;
        double byThreshold = maxThreshold > 0 ? thresholdTarget / maxThreshold : double.PositiveInfinity;
        double byWeight = maxWeight > 0 ? maxMantissa * (double)(1 << BitWidths.WeightExponentMax) / maxWeight : double.PositiveInfinity;
        double scale = Math.Min(byThreshold, byWeight);
        if (maxWeight > 0 && scale * maxWeight < maxMantissa)
        {
            double ceiling = maxThreshold > 0 ? BitWidths.ThresholdMantissaMax / maxThreshold : double.PositiveInfinity;
            scale = Math.Min(maxMantissa / maxWeight, ceiling);
        }

        return double.IsFinite(scale) && scale > 0 ? scale : thresholdTarget;
    }
}
