using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;

namespace NeuroChip.Mapping.Quantization;

/// <summary>
/// Float network → chip formats. Per population a scale S is chosen (<see cref="ScaleChooser"/>); then
/// <code>
///   weight     mantissa · 2^e ≈ w·S              (e per row or per population, chosen to minimise squared error)
///   threshold  vth = round(θ·S)                   (17-bit unsigned)
///   bias       mant · 2^exp ≈ b·S·64              (13-bit signed mantissa, exponent 0–7: the smallest that fits)
///   decays     du = round(4096·DecayU) − 1, dv = round(4096·DecayV)   (12 bits; Loihi-1's +1 on du)
///   reset, initial v and u   round(x·S·64)        (24-bit state, saturated)
/// </code>
/// and every loss is recorded in <see cref="QuantizationStats"/>.
/// </summary>
public static class Quantizer
{
    public static (QuantizedNetwork Network, QuantizationStats Stats) Quantize(LoweredNetwork network, NumberFormats formats, QuantizationOptions? options = null)
    {
        options ??= new QuantizationOptions();
        options.Validate();
        int bits = options.WeightBits ?? formats.WeightMantissaBits;
        bool perRow = options.ExponentPerRow ?? formats.WeightExponentPerRow;
        var stats = new List<LayerQuantizationStats>();
        var populations = new QuantizedPopulation[network.Populations.Count];
        var projections = new QuantizedProjection[network.Projections.Count];
        for (int p = 0; p < network.Populations.Count; p++)
        {
            LoweredPopulation population = network.Populations[p];
            List<int> incoming = Enumerable.Range(0, network.Projections.Count).Where(j => network.Projections[j].TargetPopulation == p).ToList();
            double maxWeight = incoming.Select(j => MaxAbs(network.Projections[j].Weights)).DefaultIfEmpty(0).Max();
            double maxThreshold = MaxAbs(population.Threshold);
            double scale = ScaleChooser.Choose(maxThreshold, maxWeight, bits, options.ThresholdTargetMantissa);
            populations[p] = QuantizePopulation(population, scale, stats);
            int? sharedExponent = perRow
                ? null
                : WeightQuantizer.ChooseExponent(incoming.Select(j => new ArraySegment<float>(network.Projections[j].Weights)).ToList(), scale, bits);
            foreach (int j in incoming)
            {
                projections[j] = QuantizeProjection(network.Projections[j], scale, bits, sharedExponent, stats);
            }
        }

        var inputs = network.Inputs.Select(input => new QuantizedInput
        {
            Name = input.Name,
            Size = input.Size,
            Encoding = input.Encoding,
            CurrentTarget = input.CurrentTarget,
            CurrentScale = input.Encoding == InputEncoding.Current
                ? network.Populations[input.CurrentTarget].InputGain.Select(g => g * populations[input.CurrentTarget].Scale).ToArray()
                : [],
        }).ToList();

        var quantized = new QuantizedNetwork
        {
            Populations = populations,
            Inputs = inputs,
            Projections = projections,
            Readouts = network.Readouts,
        };
        return (quantized, new QuantizationStats(stats));
    }

    private static QuantizedProjection QuantizeProjection(FloatProjection projection, double scale, int bits, int? sharedExponent, List<LayerQuantizationStats> stats)
    {
        SynapseLayout layout = projection.Layout;
        (int min, int max) = WeightQuantizer.MantissaRange(bits);
        var mantissas = new short[projection.Weights.Length];
        var exponents = new sbyte[layout.SourceCount];
        var total = new ErrorAccumulator();
        var gate = new object();
        Parallel.For(
            0,
            layout.SourceCount,
            () => new ErrorAccumulator(),
            (s, _, local) =>
            {
                int start = layout.RowStart(s);
                var row = new ArraySegment<float>(projection.Weights, start, layout.RowEnd(s) - start);
                int e = sharedExponent ?? WeightQuantizer.ChooseExponent([row], scale, bits);
                exponents[s] = (sbyte)e;
                for (int k = start; k < start + row.Count; k++)
                {
                    double x = projection.Weights[k] * scale;
                    mantissas[k] = WeightQuantizer.Quantize(x, e, min, max, out bool clipped);
                    local.Add(projection.Weights[k], mantissas[k] * (double)(1 << e) / scale, clipped);
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    total.Merge(local);
                }
            });
        stats.Add(total.ToStats(projection.Name, "weights"));
        return new QuantizedProjection
        {
            Name = projection.Name,
            Source = projection.Source,
            TargetPopulation = projection.TargetPopulation,
            Layout = layout,
            Mantissas = mantissas,
            RowExponents = exponents,
            WeightBits = bits,
        };
    }

    private static QuantizedPopulation QuantizePopulation(LoweredPopulation p, double scale, List<LayerQuantizationStats> stats)
    {
        var thresholdStats = new ErrorAccumulator();
        var decayUStats = new ErrorAccumulator();
        var decayVStats = new ErrorAccumulator();
        var biasStats = new ErrorAccumulator();
        var stateStats = new ErrorAccumulator();
        var profiles = new List<NeuronProfile>();
        var profileIds = new Dictionary<NeuronProfile, int>();
        var profileIndex = new int[p.Size];
        var biasMantissa = new int[p.Size];
        var biasExponent = new int[p.Size];
        var initialV = new int[p.Size];
        var initialU = new int[p.Size];
        double vUnits = scale * (1 << BitWidths.ThresholdShift);
        bool anyResetValue = p.Reset == GraphResetMode.ToValue && p.ResetValue.Any(r => r != 0f);
        for (int i = 0; i < p.Size; i++)
        {
            int threshold = Field(p.Threshold[i] * scale, 0, BitWidths.ThresholdMantissaMax, 1 / scale, p.Threshold[i], thresholdStats);
            int du = Field((p.DecayU[i] * BitWidths.DecayUnity) - BitWidths.CurrentDecayOffset, 0, BitWidths.DecayMax, 0, 0, null);
            decayUStats.Add(p.DecayU[i], (du + BitWidths.CurrentDecayOffset) / (double)BitWidths.DecayUnity, false);
            int dv = Field(p.DecayV[i] * BitWidths.DecayUnity, 0, BitWidths.DecayMax, 0, 0, null);
            decayVStats.Add(p.DecayV[i], dv / (double)BitWidths.DecayUnity, false);
            int stateMax = BitWidths.StateLimit - 1;
            int reset = anyResetValue ? Field(p.ResetValue[i] * vUnits, -stateMax, stateMax, 1 / vUnits, p.ResetValue[i], stateStats) : 0;
            initialV[i] = Field(p.InitialV[i] * vUnits, -stateMax, stateMax, 1 / vUnits, p.InitialV[i], stateStats);
            initialU[i] = Field(p.InitialU[i] * vUnits, -stateMax, stateMax, 1 / vUnits, p.InitialU[i], stateStats);
            (biasMantissa[i], biasExponent[i]) = Bias(p.Bias[i] * vUnits, out bool biasClipped);
            biasStats.Add(p.Bias[i], biasMantissa[i] * (double)(1 << biasExponent[i]) / vUnits, biasClipped);
            var profile = new NeuronProfile
            {
                DecayU = du,
                DecayV = dv,
                ThresholdMantissa = threshold,
                Reset = p.Reset == GraphResetMode.Subtract ? ResetMode.Subtract : anyResetValue ? ResetMode.ToValue : ResetMode.Zero,
                ResetValue = reset,
            };
            if (!profileIds.TryGetValue(profile, out int id))
            {
                id = profiles.Count;
                profileIds[profile] = id;
                profiles.Add(profile);
            }

            profileIndex[i] = id;
        }

        stats.Add(thresholdStats.ToStats(p.Name, "threshold"));
        stats.Add(biasStats.ToStats(p.Name, "bias"));
        stats.Add(decayUStats.ToStats(p.Name, "decayU"));
        stats.Add(decayVStats.ToStats(p.Name, "decayV"));
        stats.Add(stateStats.ToStats(p.Name, "state"));
        return new QuantizedPopulation
        {
            Name = p.Name,
            NodeKind = p.NodeKind,
            Size = p.Size,
            Profiles = profiles,
            ProfileIndex = profileIndex,
            BiasMantissa = biasMantissa,
            BiasExponent = biasExponent,
            InitialV = initialV,
            InitialU = initialU,
            Scale = scale,
        };
    }

    /// <summary>Rounds half away from zero and saturates to [min, max]; records the error in float units.</summary>
    private static int Field(double value, int min, int max, double unit, double exact, ErrorAccumulator? accumulator)
    {
        if (double.IsNaN(value))
        {
            throw new UserInputException("A neuron parameter is NaN; every parameter must be a number.");
        }

        double rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        int result = (int)Math.Clamp(rounded, min, max);
        accumulator?.Add(exact, result * unit, rounded < min || rounded > max);
        return result;
    }

    /// <summary>The smallest exponent whose mantissa fits 13 signed bits; saturates at exponent 7.</summary>
    private static (int Mantissa, int Exponent) Bias(double value, out bool clipped)
    {
        for (int e = 0; e <= BitWidths.BiasExponentMax; e++)
        {
            double m = Math.Round(value / (1 << e), MidpointRounding.AwayFromZero);
            if (m >= BitWidths.BiasMantissaMin && m <= BitWidths.BiasMantissaMax)
            {
                clipped = false;
                return ((int)m, e);
            }
        }

        clipped = true;
        double last = Math.Round(value / (1 << BitWidths.BiasExponentMax), MidpointRounding.AwayFromZero);
        return ((int)Math.Clamp(last, BitWidths.BiasMantissaMin, BitWidths.BiasMantissaMax), BitWidths.BiasExponentMax);
    }

    private static double MaxAbs(float[] values)
    {
        float max = 0;
        foreach (float v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
