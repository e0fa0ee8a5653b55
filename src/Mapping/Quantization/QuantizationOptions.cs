using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;

namespace NeuroChip.Mapping.Quantization;

/// <summary>How to quantise; unset fields follow the chip's number formats.</summary>
public sealed record QuantizationOptions
{
    /// <summary>Signed weight mantissa width, 1 (binary: ±1 · 2^e) to 8; null = the chip's width.</summary>
    public int? WeightBits { get; init; }

    /// <summary>One weight exponent per synapse row (true) or per core (false); null = the chip's choice.</summary>
    public bool? ExponentPerRow { get; init; }

    /// <summary>
    /// Threshold mantissa the quantiser aims for: a population's scale makes its largest threshold about
    /// this value, unless its weights would then not fit the mantissa and exponent. Larger gives finer
    /// weights and leaves less headroom in the 24-bit state.
    /// </summary>
    public int ThresholdTargetMantissa { get; init; } = 4096;

    internal void Validate()
    {
        if (WeightBits is < 1 or > BitWidths.WeightBitsMax)
        {
            throw new UserInputException($"Weight bits = {WeightBits}: choose 1 (binary) to {BitWidths.WeightBitsMax}.");
        }

        if (ThresholdTargetMantissa < 1 || ThresholdTargetMantissa > BitWidths.ThresholdMantissaMax)
        {
            throw new UserInputException($"Threshold target mantissa = {ThresholdTargetMantissa}: choose 1 to {BitWidths.ThresholdMantissaMax}.");
        }
    }
}
