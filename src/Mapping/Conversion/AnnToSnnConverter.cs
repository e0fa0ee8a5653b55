using NeuroChip.EventSim;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// ANN → SNN conversion (reference/algorithms.md §6): ReLU → IF with soft reset; per layer a threshold balanced on
/// data (percentile, or minimum squared error against the analytic IF rate); Deng &amp; Gu's θ/(2T) shift; and Li et
/// al.'s layer-wise calibration, layer by layer in order, each measured with the earlier layers already spiking in the
/// float twin of the chip (<see cref="ConvertedSnnFloatTwin"/>): weight calibration, bias correction, potential correction.
/// </summary>
public static class AnnToSnnConverter
{
    /// <summary>
    /// Converts <paramref name="ann"/> using up to <see cref="ConversionOptions.CalibrationSamples"/> of the
    /// <paramref name="sampleCount"/> samples held back to back in <paramref name="calibrationInputs"/> (a seeded choice).
    /// </summary>
    public static ConversionResult Convert(NetworkGraph ann, float[] calibrationInputs, int sampleCount, ConversionOptions options) =>
        Convert(ann, calibrationInputs, sampleCount, options, threads: 1);

    /// <summary>As <see cref="Convert(NetworkGraph, float[], int, ConversionOptions)"/>, simulating calibration samples on <paramref name="threads"/> threads (same result for any count).</summary>
    public static ConversionResult Convert(NetworkGraph ann, float[] calibrationInputs, int sampleCount, ConversionOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(ann);
        ArgumentNullException.ThrowIfNull(calibrationInputs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        AnnChain chain = AnnChain.Parse(ann);
        int inputSize = (int)ShapeMath.Product(chain.Input.Shape);
        if (sampleCount < 1 || (long)sampleCount * inputSize != calibrationInputs.Length)
        {
            throw new UserInputException(
                $"Calibration data: {calibrationInputs.Length} values do not hold {sampleCount} samples of {inputSize} values (input '{chain.Input.Name}' of shape {ShapeMath.Format(chain.Input.Shape)}); give at least one sample.");
        }

        CalibrationSteps steps = options.EffectiveSteps;
        bool shift = steps.HasFlag(CalibrationSteps.Shift);
        int t = options.Timesteps;
        float[] samples = PickSamples(calibrationInputs, sampleCount, inputSize, options.CalibrationSamples, options.Seed, out int n);
        float[][] pre = AnnActivations(ann, chain, samples, n, inputSize, threads);

        var layers = new List<ConversionLayer>();
        double previous = 1.0;
        for (int k = 0; k < chain.Segments.Count; k++)
        {
            AnnSegment segment = chain.Segments[k];
            double max = pre[k].Length == 0 ? 0 : pre[k].Max();
            double threshold = steps.HasFlag(CalibrationSteps.ThresholdMse)
                ? ThresholdSelection.MinimumSquaredError(pre[k], t, shift)
                : ThresholdSelection.Percentile(pre[k], options.Percentile);
            string name = segment.IsReadout || segment.IsPooling ? UniqueName(ann, segment.Name + "_if") : segment.Name;
            layers.Add(new ConversionLayer(segment, name, threshold, max, previous));
            previous = threshold;
        }

        string encoder = UniqueName(ann, chain.Input.Name + "_if");
        if (shift && options.ShiftPlacement == ShiftPlacement.Bias)
        {
            foreach (ConversionLayer layer in layers.Where(l => !l.Segment.IsPooling))
            {
                float[] add = new float[layer.BiasData.Length];
                Array.Fill(add, (float)(layer.Threshold / (2.0 * t)));
                layer.AddBias(add);
            }
        }

        NetworkGraph Build() => SnnBuilder.Build(chain, layers, encoder, shift, options.ShiftPlacement);
        var errors = new (double Before, double After, double WeightBefore, double WeightAfter)[layers.Count];
        Array.Fill(errors, (double.NaN, double.NaN, double.NaN, double.NaN));
        const CalibrationSteps layerSteps = CalibrationSteps.BiasCorrection | CalibrationSteps.PotentialCorrection | CalibrationSteps.WeightCalibration;
        if ((steps & layerSteps) != 0)
        {
            float[][] rates = SpikingRates(Build(), layers, encoder, samples, n, inputSize, t, threads);
            for (int k = 0; k < layers.Count - 1; k++)
            {
                ConversionLayer layer = layers[k];
                float[] target = Relu(pre[k]);
                errors[k].Before = LayerError(layer, rates[k + 1], target);
                if (steps.HasFlag(CalibrationSteps.WeightCalibration) && layer.WeightData.Length > 0)
                {
                    float[] kept = layer.WeightData.ToArray();
                    (errors[k].WeightBefore, errors[k].WeightAfter) = WeightCalibrator.Calibrate(layer, rates[k], target, n, t, shift, options, k);
                    float[][] calibrated = SpikingRates(Build(), layers, encoder, samples, n, inputSize, t, threads);
                    if (LayerError(layer, calibrated[k + 1], target) < LayerError(layer, rates[k + 1], target))
                    {
                        rates = calibrated;
                    }
                    else
                    {
                        // The straight-through proxy improved but the spiking layer did not: keep the weights it had.
                        kept.CopyTo(layer.WeightData, 0);
                        errors[k].WeightAfter = errors[k].WeightBefore;
                    }
                }

                if (steps.HasFlag(CalibrationSteps.BiasCorrection) && layer.BiasNode is not null)
                {
                    CorrectBias(layer, rates[k + 1], target, n);
                    rates = SpikingRates(Build(), layers, encoder, samples, n, inputSize, t, threads);
                }

                if (steps.HasFlag(CalibrationSteps.PotentialCorrection))
                {
                    CorrectPotential(layer, rates[k + 1], target, n, t);
                    rates = SpikingRates(Build(), layers, encoder, samples, n, inputSize, t, threads);
                }

                errors[k].After = LayerError(layer, rates[k + 1], target);
            }
        }

        return new ConversionResult
        {
            Snn = Build(),
            Layers = [.. layers.Select((l, k) => new LayerConversionStats(l.IfName, l.Threshold, l.MaxActivation, l.BiasCorrection, l.PotentialCorrection)
            {
                ErrorBefore = errors[k].Before,
                ErrorAfter = errors[k].After,
                WeightLossBefore = errors[k].WeightBefore,
                WeightLossAfter = errors[k].WeightAfter,
            })],
            Steps = steps,
            Timesteps = t,
        };
    }

    /// <summary>
    /// Spike rates (spikes in the T-tick window / T, in [0, 1]) of every population of <paramref name="snn"/> for each
    /// sample: index 0 is the encoder, k + 1 layer k. Samples run in parallel; the result does not depend on
    /// <paramref name="threads"/>.
    /// </summary>
    internal static float[][] SpikingRates(NetworkGraph snn, IReadOnlyList<ConversionLayer> layers, string encoder, float[] samples, int n, int inputSize, int timesteps, int threads)
    {
        ConvertedSnnFloatTwin net = ConvertedSnnFloatTwin.Create(snn);
        int[] populations = [net.PopulationIndex(encoder), .. layers.Select(l => net.PopulationIndex(l.IfName))];
        float[][] rates = [.. populations.Select(p => new float[n * net.PopulationSize(p)])];
        float scale = 1f / timesteps;
        Parallel.For(0, Math.Max(1, threads), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, w =>
        {
            ConvertedSnnFloatTwinState state = net.CreateState();
            int workers = Math.Max(1, threads);
            for (int s = w; s < n; s += workers)
            {
                net.Run(samples.AsSpan(s * inputSize, inputSize), timesteps, state);
                for (int j = 0; j < populations.Length; j++)
                {
                    ReadOnlySpan<int> counts = state.Counts(populations[j]);
                    Span<float> row = rates[j].AsSpan(s * counts.Length, counts.Length);
                    for (int i = 0; i < counts.Length; i++)
                    {
                        row[i] = counts[i] * scale;
                    }
                }
            }
        });
        return rates;
    }

    /// <summary>Mean over samples and neurons of (a_ANN − r·θ)².</summary>
    internal static double LayerError(ConversionLayer layer, float[] rates, float[] target)
    {
        double sum = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double e = target[i] - (rates[i] * layer.Threshold);
            sum += e * e;
        }

        return sum / target.Length;
    }

    private static void CorrectBias(ConversionLayer layer, float[] rates, float[] target, int n)
    {
        var delta = new double[layer.Channels];
        int per = layer.PerChannel;
        for (int i = 0; i < target.Length; i++)
        {
            delta[i % layer.Size / per] += target[i] - (rates[i] * layer.Threshold);
        }

        float[] perChannel = [.. delta.Select(d => (float)(d / ((double)n * per)))];
        if (layer.BiasData.Length != perChannel.Length)
        {
            throw new UserInputException(
                $"Layer '{layer.Segment.Name}': its last node has {layer.BiasData.Length} biases but the layer has {perChannel.Length} channels; bias correction needs the bias node to be the layer's last node.");
        }

        layer.AddBias(perChannel);
        layer.BiasCorrection += perChannel.Average(Math.Abs);
    }

    private static void CorrectPotential(ConversionLayer layer, float[] rates, float[] target, int n, int timesteps)
    {
        var delta = new double[layer.Size];
        for (int i = 0; i < target.Length; i++)
        {
            delta[i % layer.Size] += target[i] - (rates[i] * layer.Threshold);
        }

        double total = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            float d = (float)(timesteps * delta[i] / n);
            layer.Potential[i] += d;
            total += Math.Abs(d);
        }

        layer.PotentialCorrection += total / delta.Length;
    }

    private static float[] Relu(float[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = Math.Max(values[i], 0f);
        }

        return result;
    }

    /// <summary>The ANN pre-activation of every layer (the value its ReLU or the Output receives), samples back to back.</summary>
    private static float[][] AnnActivations(NetworkGraph ann, AnnChain chain, float[] samples, int n, int inputSize, int threads)
    {
        AnnForwardPass pass = AnnForwardPass.Create(ann, chain.Output.Name);
        int[] sizes = [.. chain.Segments.Select(s => (int)ShapeMath.Product(s.OutputShape))];
        float[][] result = [.. sizes.Select(size => new float[n * size])];
        int workers = Math.Max(1, threads);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            AnnState state = pass.CreateState();
            for (int s = w; s < n; s += workers)
            {
                pass.Run(samples.AsSpan(s * inputSize, inputSize), state);
                for (int k = 0; k < sizes.Length; k++)
                {
                    state.Activation(chain.Segments[k].PreActivation).CopyTo(result[k].AsSpan(s * sizes[k], sizes[k]));
                }
            }
        });
        return result;
    }

    private static float[] PickSamples(float[] inputs, int count, int size, int wanted, int seed, out int n)
    {
        n = Math.Min(count, wanted);
        int[] order = [.. Enumerable.Range(0, count)];
        var random = new Random(seed);
        for (int i = 0; i < n; i++)
        {
            int j = random.Next(i, count);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var picked = new float[n * size];
        for (int i = 0; i < n; i++)
        {
            Array.Copy(inputs, (long)order[i] * size, picked, (long)i * size, size);
        }

        return picked;
    }

    private static string UniqueName(NetworkGraph graph, string name)
    {
        string candidate = name;
        for (int i = 2; graph.Find(candidate) is not null; i++)
        {
            candidate = $"{name}{i}";
        }

        return candidate;
    }
}
