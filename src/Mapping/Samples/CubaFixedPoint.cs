using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;

namespace NeuroChip.Mapping.Samples;

/// <summary>
/// How the float CUBA model (<see cref="CubaSpec"/>) maps onto the fixed-point compartment
/// (<see cref="NeuroChip.EventSim.Neurons.LifFixedModel"/>: <c>u ← β̂·u + 64·a</c>, <c>v ← α̂·v + u + b</c>).
/// <para><b>Voltage.</b> Measure x = V − Vr, so the reset is <see cref="NeuroChip.EventSim.Model.ResetMode.Zero"/>, the
/// threshold is θ = Vt − Vr and the leak target is E = El − Vr. The v register holds S·x
/// (S register units per mV).</para>
/// <para><b>Decays.</b> α = e^(−dt/τm), β = e^(−dt/τs). dv = round(4096·(1 − α)); Loihi adds 1 to
/// du, so du = round(4096·(1 − β)) − 1. Then α̂ = (4096 − dv)/4096 and β̂ = (4096 − du − 1)/4096.</para>
/// <para><b>Bias.</b> With no input, v settles at b/(1 − α̂); it must settle at S·E, so
/// b = S·E·(1 − α̂), stored as bias_mant &lt;&lt; bias_exp (13-bit signed mantissa, exponent 0–7).</para>
/// <para><b>Weights.</b> One event of weight w in the model leaves a PSP whose area is ∫x dt = w·τs
/// (the area of I, because the leak conserves it). On the chip an input a adds 64·a·β̂^k to u at
/// tick k and v sums u through the leak, so the area is dt·64·a / (S·(1 − β̂)(1 − α̂)). Equal areas
/// give 64·a = S·w·g with g = (τs/dt)(1 − β̂)(1 − α̂). Matching the area with the quantised decays
/// keeps the mean drive (and so the stationary membrane) exact; only the time constants carry the
/// 12-bit decay error.</para>
/// <para><b>Scale.</b> S is chosen so the excitatory input is the integer <c>ExcitatoryInput</c>
/// (default 36): S = 64·36 / (we·g). For the classic weights, wi/we = −9/1.62 = −50/9 exactly, so the
/// inhibitory input is −200, also exact: 36 = 9 &lt;&lt; 2 (5-bit mantissa) and −200 = −25 &lt;&lt; 3
/// (6-bit mantissa), each row of one presynaptic neuron carrying its own exponent.</para>
/// <para><b>Refractory.</b> Brian2 integrates again at the step where timestep(t − t_spike) ≥
/// timestep(τref), i.e. 50 steps after the spike; the chip holds v for R ticks after the spike tick and
/// integrates at spike + R + 1, so R = round(τref/dt) − 1 = 49 and v stays at reset for 5.0 ms.</para>
/// <para><b>The classic numbers</b> (dt 0.1 ms, τm 20 ms, τs 5 ms, θ 10 mV, E 11 mV):
/// 4096(1 − α) = 20.43 → dv = 20, α̂ = 4076/4096, τ̂m = 20.430 ms (+2.15 %);
/// 4096(1 − β) = 81.11 → du = 80, β̂ = 4015/4096, τ̂s = 5.0066 ms (+0.13 %);
/// g = 50·(81/4096)·(20/4096) = 0.0048280; S = 2304/(1.62·g) = 294,579 units/mV (v saturates at
/// ±(2^23 − 1) = ±28.48 mV around the reset, named overflow: saturate);
/// vth = round(10·S/64) = round(46,028.03) = 46,028 (error −6·10⁻⁷);
/// b = S·11·20/4096 = 15,822.1 → 3,956 &lt;&lt; 2 = 15,824 (leak target +1.2·10⁻⁴);
/// we → 9 &lt;&lt; 2 = 36, wi → −25 &lt;&lt; 3 = −200 (both exact up to the float rounding of S);
/// refractory 49 ticks. <see cref="Parameters"/> lists each error as computed.</para>
/// </summary>
public sealed record CubaFixedPoint
{
    /// <summary>Unit weight of the <c>&lt;&lt; 6</c> input shift.</summary>
    private const int InputShiftFactor = 1 << BitWidths.ActivationShift;

    public required double StateUnitsPerMv { get; init; }

    public required int DecayV { get; init; }

    public required int DecayU { get; init; }

    public required int ThresholdMantissa { get; init; }

    public required int BiasMantissa { get; init; }

    public required int BiasExponent { get; init; }

    public required int RefractoryTicks { get; init; }

    public required RowWeight Excitatory { get; init; }

    public required RowWeight Inhibitory { get; init; }

    /// <summary>g = (τs/dt)(1 − β̂)(1 − α̂): register units of input per (S · mV of weight), see the type's summary.</summary>
    public required double InputGain { get; init; }

    /// <summary>Every mapped parameter: target, achieved value and error.</summary>
    public required IReadOnlyList<QuantisedParameter> Parameters { get; init; }

    /// <summary>The model weight (mV) a stored weight stands for: 64·a / (S·g).</summary>
    public double WeightMv(RowWeight weight) => InputShiftFactor * weight.Input / (StateUnitsPerMv * InputGain);

    /// <summary>The weight change (mV) of one least-significant bit of a row's mantissa: the quantisation step.</summary>
    public double WeightStepMv(RowWeight weight) => InputShiftFactor * (double)(1 << weight.Exponent) / (StateUnitsPerMv * InputGain);

    /// <summary>Derives the fixed-point configuration; see the type's summary for the equations.</summary>
    public static CubaFixedPoint Derive(CubaSpec spec, int excitatoryInput = 36)
    {
        Check(spec);
        double dt = spec.TimeStepMs;
        double threshold = spec.ThresholdMv - spec.ResetMv;
        double leakTarget = spec.LeakReversalMv - spec.ResetMv;

        int decayV = (int)Math.Round(BitWidths.DecayUnity * (1 - Math.Exp(-dt / spec.MembraneTimeConstantMs)));
        int decayU = Math.Clamp(
            (int)Math.Round(BitWidths.DecayUnity * (1 - Math.Exp(-dt / spec.SynapticTimeConstantMs))) - BitWidths.CurrentDecayOffset,
            0,
            BitWidths.DecayMax);
        double alpha = FixedMath.KeepFactor(decayV, BitWidths.VoltageDecayOffset) / (double)BitWidths.DecayUnity;
        double beta = FixedMath.KeepFactor(decayU, BitWidths.CurrentDecayOffset) / (double)BitWidths.DecayUnity;
        double gain = spec.SynapticTimeConstantMs / dt * (1 - beta) * (1 - alpha);
        double scale = InputShiftFactor * excitatoryInput / (spec.ExcitatoryWeightMv * gain);

        double thresholdExact = threshold * scale / InputShiftFactor;
        int thresholdMantissa = (int)Math.Round(thresholdExact);
        if (thresholdMantissa < 1 || thresholdMantissa > BitWidths.ThresholdMantissaMax)
        {
            throw new UserInputException(
                $"CUBA mapping: the threshold mantissa {thresholdExact:F0} is outside 1..{BitWidths.ThresholdMantissaMax}; choose a smaller excitatory input than {excitatoryInput}.");
        }

        double biasExact = scale * leakTarget * (1 - alpha);
        (int biasMantissa, int biasExponent) = QuantiseBias(biasExact);
        int bias = biasMantissa << biasExponent;

        RowWeight excitatory = QuantiseWeight(spec.ExcitatoryWeightMv * scale * gain / InputShiftFactor, "excitatory");
        RowWeight inhibitory = QuantiseWeight(spec.InhibitoryWeightMv * scale * gain / InputShiftFactor, "inhibitory");
        int refractoryTicks = Math.Clamp((int)Math.Round(spec.RefractoryMs / dt) - 1, 0, BitWidths.RefractoryMax);

        var result = new CubaFixedPoint
        {
            StateUnitsPerMv = scale,
            DecayV = decayV,
            DecayU = decayU,
            ThresholdMantissa = thresholdMantissa,
            BiasMantissa = biasMantissa,
            BiasExponent = biasExponent,
            RefractoryTicks = refractoryTicks,
            Excitatory = excitatory,
            Inhibitory = inhibitory,
            InputGain = gain,
            Parameters = [],
        };
        return result with
        {
            Parameters =
            [
                new("membrane time constant", spec.MembraneTimeConstantMs, -dt / Math.Log(alpha), "ms"),
                new("synaptic time constant", spec.SynapticTimeConstantMs, -dt / Math.Log(beta), "ms"),
                new("threshold − reset", threshold, (double)(thresholdMantissa * InputShiftFactor) / scale, "mV"),
                new("leak reversal − reset", leakTarget, bias / ((1 - alpha) * scale), "mV"),
                new("excitatory weight", spec.ExcitatoryWeightMv, result.WeightMv(excitatory), "mV"),
                new("inhibitory weight", spec.InhibitoryWeightMv, result.WeightMv(inhibitory), "mV"),
                new("refractory period", spec.RefractoryMs, (refractoryTicks + 1) * dt, "ms"),
            ],
        };
    }

    /// <summary>The (mantissa, exponent) nearest to <paramref name="value"/>, preferring the largest mantissa on ties.</summary>
    private static (int Mantissa, int Exponent) QuantiseBias(double value)
    {
        for (int exponent = 0; exponent <= BitWidths.BiasExponentMax; exponent++)
        {
            int mantissa = (int)Math.Round(value / (1 << exponent));
            if (mantissa >= BitWidths.BiasMantissaMin && mantissa <= BitWidths.BiasMantissaMax)
            {
                return (mantissa, exponent);
            }
        }

        throw new UserInputException(
            $"CUBA mapping: the bias {value:F0} does not fit a {BitWidths.BiasMantissaBits}-bit mantissa with exponent ≤ {BitWidths.BiasExponentMax}; lower the state scale.");
    }

    /// <summary>
    /// The stored weight nearest to <paramref name="input"/> (accumulator units): the exponent with the
    /// smallest error, and among equal errors the largest exponent, so the mantissa needs the fewest bits.
    /// </summary>
    private static RowWeight QuantiseWeight(double input, string which)
    {
        RowWeight? best = null;
        double bestError = double.MaxValue;
        int maxMantissa = (1 << (BitWidths.WeightBitsMax - 1)) - 1;
        for (int exponent = 0; exponent <= BitWidths.WeightExponentMax; exponent++)
        {
            int mantissa = (int)Math.Round(input / (1 << exponent));
            if (Math.Abs(mantissa) > maxMantissa || mantissa == 0)
            {
                continue;
            }

            double error = Math.Abs((mantissa << exponent) - input);
            if (error <= bestError)
            {
                best = new RowWeight(mantissa, exponent, SignedBits(mantissa));
                bestError = error;
            }
        }

        return best ?? throw new UserInputException(
            $"CUBA mapping: the {which} weight ({input:F1} accumulator units) cannot be stored as an {BitWidths.WeightBitsMax}-bit mantissa with exponent 0..{BitWidths.WeightExponentMax}; change the excitatory input scale.");
    }

    /// <summary>Bits of the narrowest two's-complement field holding <paramref name="mantissa"/>.</summary>
    private static int SignedBits(int mantissa)
    {
        int bits = 1;
        while (mantissa < -(1 << (bits - 1)) || mantissa > (1 << (bits - 1)) - 1)
        {
            bits++;
        }

        return bits;
    }

    private static void Check(CubaSpec spec)
    {
        void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new UserInputException($"CUBA spec: {what}.");
            }
        }

        Require(spec.NeuronCount >= 2, $"NeuronCount = {spec.NeuronCount}: at least 2 neurons are needed");
        Require(spec.ExcitatoryCount >= 0 && spec.ExcitatoryCount <= spec.NeuronCount, $"ExcitatoryCount = {spec.ExcitatoryCount} must be within 0..NeuronCount ({spec.NeuronCount})");
        Require(spec.ConnectionProbability > 0 && spec.ConnectionProbability < 1, $"ConnectionProbability = {spec.ConnectionProbability} must be in (0, 1)");
        Require(spec.TimeStepMs > 0, $"TimeStepMs = {spec.TimeStepMs} must be positive");
        Require(spec.MembraneTimeConstantMs > spec.TimeStepMs && spec.SynapticTimeConstantMs > spec.TimeStepMs, "both time constants must exceed the time step");
        Require(spec.ThresholdMv > spec.ResetMv, $"ThresholdMv ({spec.ThresholdMv}) must be above ResetMv ({spec.ResetMv})");
        Require(spec.ExcitatoryWeightMv > 0 && spec.InhibitoryWeightMv < 0, "the excitatory weight must be positive and the inhibitory weight negative");
        Require(spec.RefractoryMs >= spec.TimeStepMs, $"RefractoryMs = {spec.RefractoryMs} must be at least one time step");
    }
}
