using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Neurons;

/// <summary>
/// One neuron's fixed-point parameters in the form the datapath uses: decay constants turned into
/// the multipliers they leave, the threshold and bias already shifted.
/// </summary>
public readonly record struct LifFixedParameters(
    int KeepU,
    int KeepV,
    int ThresholdScaled,
    int Bias,
    ResetMode Reset,
    int ResetValue,
    int RefractoryTicks)
{
    public static LifFixedParameters From(NeuronProfile profile, int biasMantissa, int biasExponent) => new(
        KeepU: FixedMath.KeepFactor(profile.DecayU, BitWidths.CurrentDecayOffset),
        KeepV: FixedMath.KeepFactor(profile.DecayV, BitWidths.VoltageDecayOffset),
        ThresholdScaled: profile.ThresholdMantissa << BitWidths.ThresholdShift,
        Bias: (int)FixedMath.ShiftByExponent(biasMantissa, biasExponent),
        Reset: profile.Reset,
        ResetValue: profile.ResetValue,
        RefractoryTicks: profile.RefractoryTicks);
}

/// <summary>The float twin's parameters: decays as fractions, the same units as the fixed-point registers.</summary>
public readonly record struct LifFloatParameters(
    double DecayU,
    double DecayV,
    double Threshold,
    double Bias,
    ResetMode Reset,
    double ResetValue,
    int RefractoryTicks)
{
    /// <summary>The float reading of a fixed-point configuration (decays divided by 4096, Loihi's +1 on du kept).</summary>
    public static LifFloatParameters From(NeuronProfile profile, int biasMantissa, int biasExponent) => new(
        DecayU: Math.Min(1.0, (profile.DecayU + BitWidths.CurrentDecayOffset) / (double)BitWidths.DecayUnity),
        DecayV: (profile.DecayV + BitWidths.VoltageDecayOffset) / (double)BitWidths.DecayUnity,
        Threshold: profile.ThresholdMantissa << BitWidths.ThresholdShift,
        Bias: biasMantissa * Math.Pow(2, biasExponent),
        Reset: profile.Reset,
        ResetValue: profile.ResetValue,
        RefractoryTicks: profile.RefractoryTicks);
}

/// <summary>A neuron's registers: current, voltage, and the refractory ticks still to wait.</summary>
public readonly record struct LifFixedState(int U, int V, int Refractory);

/// <summary>The float twin's state, in the same units as <see cref="LifFixedState"/>.</summary>
public readonly record struct LifFloatState(double U, double V, int Refractory);
