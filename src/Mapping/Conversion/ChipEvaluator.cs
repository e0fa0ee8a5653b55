using System.Diagnostics;
using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// Classifies a data set with a converted network: on the event engine (chip SNN) or in float (<see cref="ConvertedSnnFloatTwin"/>).
/// </summary>
public static class ChipEvaluator
{
    /// <summary>
    /// Runs every sample on the event engine for T timesteps, i.e. <c>T + depth</c> ticks (depth = the ticks a spike
    /// needs from the input port to the readout, so that every layer integrates T ticks of input). Direct encoding: the
    /// image's one current input port holds channel c at <c>round(x_c · vth_c)</c> from tick 0, where vth_c is the
    /// threshold mantissa of the channel's neuron; a converted network's encoder has θ = 1, so its rate is x_c. The
    /// prediction is the readout neuron with the most spikes, the larger v register breaking ties. One simulator per
    /// worker is reset between samples; samples are split into contiguous blocks per worker, so predictions and summed
    /// counters are the same for any thread count.
    /// </summary>
    public static ChipEvaluation Evaluate(
        ChipImage image, LabelledSamples data, int timesteps, int threads = 1, int limit = 0,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(timesteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ImageGeometry geometry = ImageGeometry.Of(image);
        if (geometry.Input.Neurons.Length != data.SampleSize)
        {
            throw new UserInputException(
                $"Current input port '{geometry.Input.Name}' has {geometry.Input.Neurons.Length} channels but samples '{data.Name}' has {data.SampleSize} values per sample.");
        }

        int n = Count(data, limit);
        int ticks = timesteps + geometry.Depth;
        int workers = Math.Min(threads, n);
        var correct = new int[workers];
        var sums = new CounterSum[workers];
        int done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            sums[w] = new CounterSum();
            using var simulator = new Simulator(image);
            int from = (int)((long)w * n / workers), to = (int)((long)(w + 1) * n / workers);
            for (int s = from; s < to; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                simulator.Reset();
                RunResult run = simulator.Run(ticks, Schedule(geometry, data.Sample(s)), cancellationToken);
                if (Predict(run.ReadoutSpikeCounts(geometry.Readout.Name), run.ReadoutVoltages(geometry.Readout.Name)) == data.Labels[s])
                {
                    correct[w]++;
                }

                sums[w].Add(run.Counters);
                progress?.Report(Interlocked.Increment(ref done));
            }
        });
        clock.Stop();
        var total = new CounterSum();
        foreach (CounterSum sum in sums)
        {
            total.Add(sum);
        }

        RunCounters counters = total.Total!;
        double energy = EnergyModel.Compute(counters, image.Chip, 0).DynamicPj;
        return new ChipEvaluation(correct.Sum() / (double)n, n, timesteps, counters, counters.TotalSynapticOps / (double)n, energy / n, clock.Elapsed.TotalSeconds / n)
        {
            TicksPerInference = ticks,
            Threads = workers,
        };
    }

    /// <summary>The float SNN's accuracy: the same graph with float IF neurons, T timesteps (<see cref="ConvertedSnnFloatTwin"/>).</summary>
    public static double EvaluateFloatSnn(NetworkGraph snn, LabelledSamples data, int timesteps, int limit = 0) =>
        EvaluateFloatSnn(snn, data, timesteps, limit, threads: 1);

    /// <summary>As the overload without threads, with samples split over <paramref name="threads"/> workers (same result).</summary>
    public static double EvaluateFloatSnn(NetworkGraph snn, LabelledSamples data, int timesteps, int limit, int threads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snn);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ConvertedSnnFloatTwin net = ConvertedSnnFloatTwin.Create(snn);
        if (net.InputSize != data.SampleSize)
        {
            throw new UserInputException($"The SNN's input has {net.InputSize} channels but samples '{data.Name}' has {data.SampleSize} values per sample.");
        }

        int n = Count(data, limit);
        int workers = Math.Min(threads, n);
        var correct = new int[workers];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            ConvertedSnnFloatTwinState state = net.CreateState();
            for (int s = (int)((long)w * n / workers); s < (int)((long)(w + 1) * n / workers); s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                net.Run(data.Sample(s), timesteps, state);
                if (ConvertedSnnFloatTwin.Predict(state) == data.Labels[s])
                {
                    correct[w]++;
                }
            }
        });
        return correct.Sum() / (double)n;
    }

    /// <summary>Most spikes, then the larger v, then the lower index.</summary>
    internal static int Predict(int[] counts, int[] voltages)
    {
        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best] || (counts[i] == counts[best] && voltages[i] > voltages[best]))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>Held currents from tick 0: channel c at round(x_c · vth_c), half away from zero; zero channels are left unset.</summary>
    internal static InputSchedule Schedule(ImageGeometry geometry, ReadOnlySpan<float> sample)
    {
        var schedule = new InputSchedule();
        for (int c = 0; c < sample.Length; c++)
        {
            int value = (int)Math.Round(sample[c] * geometry.CurrentPerUnit[c], MidpointRounding.AwayFromZero);
            if (value != 0)
            {
                schedule.SetCurrent(0, geometry.Input.Name, c, value);
            }
        }

        return schedule;
    }

    private static int Count(LabelledSamples data, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int n = limit == 0 ? data.Count : Math.Min(limit, data.Count);
        if (n == 0)
        {
            throw new UserInputException($"Samples '{data.Name}' hold no sample to evaluate.");
        }

        return n;
    }
}
