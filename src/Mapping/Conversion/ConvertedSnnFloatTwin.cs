using NeuroChip.EventSim;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// The float twin of a converted network on the chip: the graph lowered exactly as the compiler lowers it, run tick by
/// tick with the chip's timeline. Per tick, every population does
/// <code>
///   u ← u·(1 − DecayU) + a_in;   v ← v·(1 − DecayV) + u + bias;   spike when v &gt; θ, then v ← v − θ (or the reset value)
/// </code>
/// where a_in holds the held input current (times the input gain) and the weights of the spikes its source populations
/// fired on the previous tick (the chip's one-tick routing latency). A population d hops from the input first receives
/// input at tick d, so a run of T timesteps lasts <c>T + depth</c> ticks (depth = the readout population's hops) and
/// each population's window is its first <c>d + T</c> ticks. The prediction is the readout neuron with the most spikes,
/// the larger v breaking ties, as on the chip.
/// </summary>
public sealed class ConvertedSnnFloatTwin
{
    private readonly LoweredNetwork network;
    private readonly int[] depth;
    private readonly int inputTarget;
    private readonly int readout;
    private readonly FloatProjection[][] incoming;

    private ConvertedSnnFloatTwin(LoweredNetwork network, int[] depth, int inputTarget, int readout, FloatProjection[][] incoming)
    {
        this.network = network;
        this.depth = depth;
        this.inputTarget = inputTarget;
        this.readout = readout;
        this.incoming = incoming;
        InputSize = network.Inputs[0].Size;
    }

    public int InputSize { get; }

    public int OutputSize => network.Populations[readout].Size;

    /// <summary>Hops from the input population to the readout population.</summary>
    public int Depth => depth[readout];

    public IReadOnlyList<string> Populations => [.. network.Populations.Select(p => p.Name)];

    /// <summary>Lowers <paramref name="snn"/>, which needs one current-encoded Input, one Output and zero-delay projections.</summary>
    public static ConvertedSnnFloatTwin Create(NetworkGraph snn)
    {
        ArgumentNullException.ThrowIfNull(snn);
        LoweredNetwork lowered = Lowerer.Lower(snn);
        if (lowered.Inputs.Count != 1 || lowered.Inputs[0].Encoding != InputEncoding.Current)
        {
            throw new UserInputException("The float SNN needs exactly one Input with current (direct) encoding; convert the ANN with AnnToSnnConverter.");
        }

        if (lowered.Readouts.Count != 1)
        {
            throw new UserInputException($"The float SNN needs exactly one Output; the graph has {lowered.Readouts.Count}.");
        }

        foreach (FloatProjection p in lowered.Projections)
        {
            if (p.Source.Kind != SourceKind.Population || !p.Layout.HasUniformDelay || p.Layout.UniformDelayTicks != 0)
            {
                throw new UserInputException($"Projection '{p.Name}': the float SNN runs zero-delay projections between populations only.");
            }
        }

        int populations = lowered.Populations.Count;
        int start = lowered.Inputs[0].CurrentTarget;
        var depth = new int[populations];
        Array.Fill(depth, -1);
        depth[start] = 0;
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            int p = queue.Dequeue();
            foreach (FloatProjection projection in lowered.Projections.Where(j => j.Source.Index == p && depth[j.TargetPopulation] < 0))
            {
                depth[projection.TargetPopulation] = depth[p] + 1;
                queue.Enqueue(projection.TargetPopulation);
            }
        }

        int readout = lowered.Readouts[0].Population;
        if (depth[readout] < 0)
        {
            throw new UserInputException($"Population '{lowered.Populations[readout].Name}' is read out but no path reaches it from the input.");
        }

        for (int p = 0; p < populations; p++)
        {
            depth[p] = depth[p] < 0 ? 0 : depth[p];
        }

        FloatProjection[][] incoming = [.. Enumerable.Range(0, populations).Select(p => lowered.Projections.Where(j => j.TargetPopulation == p).ToArray())];
        return new ConvertedSnnFloatTwin(lowered, depth, start, readout, incoming);
    }

    /// <summary>Index of the population named <paramref name="name"/> (a graph neuron node).</summary>
    public int PopulationIndex(string name)
    {
        for (int p = 0; p < network.Populations.Count; p++)
        {
            if (network.Populations[p].Name == name)
            {
                return p;
            }
        }

        throw new UserInputException($"The SNN has no population '{name}'.");
    }

    public int PopulationDepth(int population) => depth[population];

    public int PopulationSize(int population) => network.Populations[population].Size;

    public ConvertedSnnFloatTwinState CreateState() => new([.. network.Populations.Select(p => p.Size)]);

    /// <summary>Runs one sample for T timesteps (<c>T + depth</c> ticks) from the initial state; results stay in <paramref name="state"/>.</summary>
    public void Run(ReadOnlySpan<float> input, int timesteps, ConvertedSnnFloatTwinState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(timesteps, 1);
        if (input.Length != InputSize)
        {
            throw new UserInputException($"The sample has {input.Length} values; the SNN's input has {InputSize} channels.");
        }

        int count = network.Populations.Count;
        for (int p = 0; p < count; p++)
        {
            LoweredPopulation pop = network.Populations[p];
            pop.InitialV.CopyTo(state.V[p], 0);
            pop.InitialU.CopyTo(state.U[p], 0);
            Array.Clear(state.WindowCounts[p]);
            state.Fired[p].Clear();
        }

        Span<float> current = state.Current(InputSize);
        SpanMath.Multiply(input, network.Populations[inputTarget].InputGain, current);
        int ticks = timesteps + Depth;
        for (int t = 0; t < ticks; t++)
        {
            for (int p = 0; p < count; p++)
            {
                float[] a = state.Accumulator[p];
                Array.Clear(a);
                if (p == inputTarget)
                {
                    current.CopyTo(a);
                }

                foreach (FloatProjection projection in incoming[p])
                {
                    Deliver(projection, state.Fired[projection.Source.Index], a);
                }
            }

            for (int p = 0; p < count; p++)
            {
                Update(network.Populations[p], state, p, t < depth[p] + timesteps || p == readout);
            }

            state.SwapFired();
        }

        state.Ticks = ticks;
        state.Readout = readout;
    }

    /// <summary>The predicted class of the last <see cref="Run"/>: most readout spikes, larger v on ties, first on equal v.</summary>
    public static int Predict(ConvertedSnnFloatTwinState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int[] counts = state.WindowCounts[state.Readout];
        float[] v = state.V[state.Readout];
        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best] || (counts[i] == counts[best] && v[i] > v[best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static void Deliver(FloatProjection projection, List<int> fired, float[] a)
    {
        SynapseLayout layout = projection.Layout;
        float[] w = projection.Weights;
        foreach (int s in fired)
        {
            int start = layout.RowStart(s), end = layout.RowEnd(s);
            if (layout.IsDense)
            {
                SpanMath.Add(w.AsSpan(start, end - start), a);
                continue;
            }

            for (int k = start; k < end; k++)
            {
                a[layout.TargetAt(s, k)] += w[k];
            }
        }
    }

    private static void Update(LoweredPopulation pop, ConvertedSnnFloatTwinState state, int p, bool counting)
    {
        float[] u = state.U[p], v = state.V[p], a = state.Accumulator[p], theta = pop.Threshold, bias = pop.Bias;
        float[] decayU = pop.DecayU, decayV = pop.DecayV;
        int[] counts = state.WindowCounts[p];
        List<int> fired = state.NextFired[p];
        fired.Clear();
        bool subtract = pop.Reset == GraphResetMode.Subtract;
        for (int i = 0; i < u.Length; i++)
        {
            u[i] = (u[i] * (1 - decayU[i])) + a[i];
            float vi = (v[i] * (1 - decayV[i])) + u[i] + bias[i];
            if (vi > theta[i])
            {
                vi = subtract ? vi - theta[i] : pop.ResetValue[i];
                fired.Add(i);
                if (counting)
                {
                    counts[i]++;
                }
            }

            v[i] = vi;
        }
    }
}
