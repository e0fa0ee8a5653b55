namespace NeuroChip.EventSim.Fixed;

/// <summary>
/// Every bit width and shift of the fixed-point datapath, in one place.
/// The values reproduce the Loihi-1 compartment as Lava's bit-accurate LIF model defines it.
/// </summary>
public static class BitWidths
{
    /// <summary>Width of the current (u) and voltage (v) state registers.</summary>
    public const int StateBits = 24;

    /// <summary>Largest magnitude a state register holds: 2^23 (u wraps past it, v saturates below it).</summary>
    public const int StateLimit = 1 << (StateBits - 1);

    /// <summary>Width of the decay constants du and dv (unity = 4096).</summary>
    public const int DecayBits = 12;

    /// <summary>Shift that divides by the decay unity.</summary>
    public const int DecayShift = 12;

    /// <summary>The decay denominator, 2^12.</summary>
    public const int DecayUnity = 1 << DecayShift;

    /// <summary>Largest decay constant a register holds.</summary>
    public const int DecayMax = DecayUnity - 1;

    /// <summary>Loihi-1 adds 1 to the current decay so the effective decay can reach 4096.</summary>
    public const int CurrentDecayOffset = 1;

    /// <summary>The voltage decay has no offset on Loihi-1.</summary>
    public const int VoltageDecayOffset = 0;

    /// <summary>Synaptic input is shifted left by this before it enters u.</summary>
    public const int ActivationShift = 6;

    /// <summary>The threshold mantissa is shifted left by this before the comparison with v.</summary>
    public const int ThresholdShift = 6;

    /// <summary>Width of the unsigned threshold mantissa.</summary>
    public const int ThresholdMantissaBits = 17;

    /// <summary>Largest threshold mantissa (2^17 − 1).</summary>
    public const int ThresholdMantissaMax = (1 << ThresholdMantissaBits) - 1;

    /// <summary>Width of the signed bias mantissa.</summary>
    public const int BiasMantissaBits = 13;

    /// <summary>Bias mantissa range, signed 13 bits.</summary>
    public const int BiasMantissaMin = -(1 << (BiasMantissaBits - 1));

    /// <summary>Bias mantissa range, signed 13 bits.</summary>
    public const int BiasMantissaMax = (1 << (BiasMantissaBits - 1)) - 1;

    /// <summary>Width of the unsigned bias exponent.</summary>
    public const int BiasExponentBits = 3;

    /// <summary>Largest bias exponent.</summary>
    public const int BiasExponentMax = (1 << BiasExponentBits) - 1;

    /// <summary>Width of the synaptic delay field.</summary>
    public const int DelayBits = 6;

    /// <summary>Largest synaptic delay in ticks (Loihi-1 reaches 62 with the 6-bit field).</summary>
    public const int MaxDelayTicks = 62;

    /// <summary>Widest signed weight mantissa.</summary>
    public const int WeightBitsMax = 8;

    /// <summary>Weight exponent range (the accumulated value is <c>weight &lt;&lt; exp</c>, right shift when negative).</summary>
    public const int WeightExponentMin = -8;

    /// <summary>Weight exponent range.</summary>
    public const int WeightExponentMax = 7;

    /// <summary>Width of the refractory counter.</summary>
    public const int RefractoryBits = 8;

    /// <summary>Longest refractory period in ticks.</summary>
    public const int RefractoryMax = (1 << RefractoryBits) - 1;

    /// <summary>
    /// Largest spike payload magnitude (graded spikes and host events): its product with any 16-bit weight mantissa
    /// fits 32 bits.
    /// </summary>
    public const int PayloadMax = 65_535;
}
