using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rounding;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>
/// SPIDE on the chip in fixed point (<see cref="FeedbackLayout"/>). Per training sample:
/// <list type="number">
/// <item>Forward phase on the event engine: T ticks of graded input events through F and the hidden spikes fed back
/// through W one tick later; the cores count each neuron's spikes N_i (a = N/T) and each axon's arrivals, and the
/// learning controller sums the readout's u (o = Σ_t u / (T · unit)). One more tick lets the last spikes reach the
/// readout.</item>
/// <item>The controller forms e = ∂L/∂o (a 16-bit mantissa with a per-sample exponent, one packet per output), reads
/// g = R·e from the readout rows in reverse, picks the power-of-two error scale of the float reference, and injects
/// G_j = round(scale·g_j·B) into each backward neuron (one packet per hidden neuron).</item>
/// <item>Backward phase (<see cref="TernaryBackward"/>): T_b ternary ticks reading W in reverse; count_j = Σ s_j.</item>
/// <item>Local updates with the 1-bit mask m_i = 1[0 &lt; N_i &lt; T], in mantissa units, stochastically rounded by each
/// core's generator (w ← w − SR(pre · post · K, S), K / 2^S the rule's factor):
/// W[j, i]: pre N_j, post m_i·count_i;  F[j, i]: pre payload_j, post m_i·count_i;  R[j, c]: pre N_j, post E_c.</item>
/// <item>‖W‖_F is tracked from the squares the updates change; above the bound the controller rescales W's rows.</item>
/// </list>
/// The float twin is <see cref="Appliers.FeedbackSnn"/> with the same spec and rule (momentum and weight decay 0).
/// </summary>
public sealed class ChipFeedbackSnn : ISampleLearner, IDisposable
{
    private const double Gamma = 0.05;
    private readonly FeedbackSnnSpec net;
    private readonly EquilibriumSpec rule;
    private readonly ChipLearningOptions options;
    private readonly Simulator simulator;
    private readonly SimulatorView view;
    private readonly MeshTopology mesh;
    private readonly int[] hiddenCores;
    private readonly int readoutCore;
    private readonly StochasticRounder[] rounders;
    private readonly StochasticRounder readoutRounder;
    private readonly TernaryBackward backward;
    private readonly double backwardUnit;
    private readonly int[] counts;
    private readonly int[] payload;
    private readonly int[] injected;
    private readonly int[] post;
    private readonly bool[] mask;
    private readonly double[] outputSum;
    private readonly double[] output;
    private readonly double[] error;
    private readonly int[] errorMantissa;
    private readonly double[] g;
    private double feedbackSquares;
    private bool collect;

    public ChipFeedbackSnn(FeedbackSnnSpec net, EquilibriumSpec rule, ChipSpec chip, ChipLearningOptions options, float[] f, float[] w, float[] r)
    {
        var errors = net.Validate().Concat(rule.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new UserInputException("Invalid feedback-network setup:\n  " + string.Join("\n  ", errors));
        }

        if (!chip.ReverseSynapseAccess)
        {
            throw new UserInputException(
                $"SPIDE's backward phase reads the feedback synapses in reverse (Wᵀ), which chip '{chip.Name}' does not offer (reverseSynapseAccess = false). Use a chip with reverse access such as 'nc-learn'.");
        }

        if (rule.Rule != LearningRule.Spide)
        {
            throw new UserInputException("IDE solves for β numerically, off the chip; on the chip the feedback network trains with --rule spide (or use --precision float for ide).");
        }

        if (rule.Momentum > 0 || rule.WeightDecay > 0)
        {
            throw new UserInputException("On-chip SPIDE applies plain SGD updates; momentum and weight decay need per-synapse state or passes the chip does not have. Use momentum 0 and weight decay 0.");
        }

        this.net = net;
        this.rule = rule;
        this.options = options;
        Layout = FeedbackLayout.Build(net, chip, options, f, w, r);
        simulator = new Simulator(Layout.Image, new SimulatorOptions { Hook = new BarrierHook(this), Threads = options.Threads, MinWorkPerWorker = options.MinWorkPerWorker });
        view = simulator.View;
        mesh = new MeshTopology(chip.Mesh);
        hiddenCores = Layout.Feedback.Slices.Select(s => view.IndexOf(s.CoreId)).ToArray();
        readoutCore = view.IndexOf(Layout.Readout.Slices[0].CoreId);
        rounders = Layout.Feedback.Slices.Select(s => new StochasticRounder(((ulong)rule.Seed * 7_368_787UL) + (ulong)s.Ordinal)).ToArray();
        readoutRounder = new StochasticRounder(((ulong)rule.Seed * 7_368_787UL) + (ulong)Layout.Readout.Slices[0].Ordinal);

        // B = c / (c_b · LSB_W) backward units per float: a backward spike adds W's mantissa; θ_b = V_th_b · B.
        backwardUnit = net.Reset / (net.BackwardReset * Layout.Feedback.Lsb);
        backward = new TernaryBackward(Layout, hiddenCores, (long)Math.Round(net.BackwardThreshold * backwardUnit));
        int n = net.Hidden;
        counts = new int[n];
        payload = new int[net.Inputs];
        injected = new int[n];
        post = new int[n];
        mask = new bool[n];
        outputSum = new double[net.Outputs];
        output = new double[net.Outputs];
        error = new double[net.Outputs];
        errorMantissa = new int[net.Outputs];
        g = new double[n];
        feedbackSquares = SumOfSquares();
    }

    public FeedbackLayout Layout { get; }

    public double LearningRateScale { get; set; } = 1;

    public LearningCounters Counters { get; } = new();

    /// <summary>Engine worker threads the cores run on (at most <see cref="ChipLearningOptions.Threads"/>; fewer for small networks).</summary>
    public int Workers => simulator.WorkerCount;

    public long SamplesTrained { get; private set; }

    /// <summary>Forward-phase counters summed over the training samples (from the engine).</summary>
    public ForwardCounters ForwardCounts { get; } = new();

    /// <summary>Backward-phase counters: reverse synapse reads, ternary spikes, backward neuron updates.</summary>
    public long ReverseSynapticOps => backward.ReverseSynapticOps;

    public long BackwardSpikes => backward.BackwardSpikes;

    public long BackwardNeuronUpdates => backward.NeuronUpdates;

    public long SaturatedBackwardNeurons => backward.SaturatedNeurons;

    /// <summary>Times the controller rescaled W to hold ‖W‖_F within the bound.</summary>
    public long FeedbackRescales { get; private set; }

    /// <summary>Forward spike counts N_i of the last sample (a = N / T).</summary>
    public ReadOnlySpan<int> SpikeCounts => counts;

    /// <summary>Backward counts of the last training sample (β = count · c_b / (T_b · scale)).</summary>
    public ReadOnlySpan<int> BackwardCounts => backward.Count;

    /// <summary>The readout o = Σ_t u / (T · unit) of the last sample.</summary>
    public ReadOnlySpan<double> Output => output;

    /// <summary>The error scale of the last training sample.</summary>
    public double LastScale { get; private set; }

    /// <summary>The update factor of W's last update: ΔW_mant = −SR(N_j · m_i·count_i · K, S), K/2^S ≈ this.</summary>
    public double LastFeedbackFactor { get; private set; }

    public bool Train(ReadOnlySpan<float> x, int label)
    {
        int predicted = Forward(x, training: true);
        Learn(label);
        return predicted == label;
    }

    public int Predict(ReadOnlySpan<float> x) => Forward(x, training: false);

    /// <summary>A weight matrix as floats (mantissa × LSB), pre-major like the float twin's.</summary>
    public float[] Weights(PlasticLayer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var w = new float[layer.Pre * layer.Post];
        int axonOffset = ReferenceEquals(layer, Layout.Feedback) ? net.Inputs : 0;
        for (int s = 0; s < layer.Slices.Count; s++)
        {
            LayerSlice slice = layer.Slices[s];
            int core = view.IndexOf(slice.CoreId);
            for (int j = 0; j < layer.Pre; j++)
            {
                Span<short> row = view.DenseRowWeights(core, axonOffset + j);
                for (int i = 0; i < slice.Count; i++)
                {
                    w[(j * layer.Post) + slice.FirstNeuron + i] = (float)(row[i] * layer.Lsb);
                }
            }
        }

        return w;
    }

    /// <summary>The chip image with the synapse memory as learning left it.</summary>
    public ChipImage ExportImage() => PlasticImage.Export(Layout.Image, view);

    public void Dispose() => simulator.Dispose();

    private int Forward(ReadOnlySpan<float> x, bool training)
    {
        simulator.Reset();
        Array.Clear(counts);
        Array.Clear(outputSum);
        for (int j = 0; j < x.Length; j++)
        {
            payload[j] = (int)Math.Round(Math.Clamp(x[j], 0f, 1f) * options.PayloadScale);
        }

        // Tick-major, so the engine's input plan is already in tick order.
        var input = new InputSchedule();
        for (int t = 0; t < net.Timesteps; t++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                if (payload[j] != 0)
                {
                    input.AddSpike(t, "in", j, payload[j]);
                }
            }
        }

        collect = true;
        RunResult run = simulator.Run(net.Timesteps + 1, input);
        collect = false;
        if (training)
        {
            SamplesTrained++;
            ForwardCounts.Add(run.Counters);
        }

        for (int c = 0; c < output.Length; c++)
        {
            output[c] = outputSum[c] / net.Timesteps;
        }

        return Readout.ArgMax(output);
    }

    /// <summary>Barrier of tick k: hidden spikes of ticks 0..T−1 are counted; the readout's u of ticks 1..T is summed.</summary>
    private void AtBarrier(int k)
    {
        if (!collect)
        {
            return;
        }

        if (k < net.Timesteps)
        {
            for (int s = 0; s < hiddenCores.Length; s++)
            {
                int first = Layout.Feedback.Slices[s].FirstNeuron;
                foreach (int i in view.SpikesThisTick(hiddenCores[s]))
                {
                    counts[first + i]++;
                }
            }
        }

        if (k >= 1)
        {
            Span<int> u = view.Currents(readoutCore);
            for (int c = 0; c < outputSum.Length; c++)
            {
                outputSum[c] += u[c] / (double)Layout.ReadoutUnits;
            }
        }
    }

    private void Learn(int label)
    {
        int n = net.Hidden;
        int m = net.Outputs;
        Loss.Instantaneous(output, label, Gamma, 1, error);
        int errorExponent = MantissaExponent(error);
        for (int c = 0; c < m; c++)
        {
            errorMantissa[c] = (int)Math.Round(error[c] * Math.Pow(2, -errorExponent));
        }

        // g = R·e, reading the readout rows of every hidden neuron j (reverse access for the error's transport).
        double errorUnit = Layout.Readout.Lsb * Math.Pow(2, errorExponent);
        double largest = 0;
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<short> row = view.DenseRowWeights(readoutCore, j);
            long sum = 0;
            for (int c = 0; c < m; c++)
            {
                sum += row[c] * (long)errorMantissa[c];
            }

            g[j] = sum * errorUnit;
            largest = Math.Max(largest, Math.Abs(g[j]));
        }

        double scale = rule.LossScale > 0 ? rule.LossScale : largest > 0 ? Math.Pow(2, Math.Floor(Math.Log2(net.BackwardReset / 2 / largest))) : 1;
        LastScale = scale;
        int limit = (1 << (options.ThirdFactorBits - 1)) - 1;
        for (int j = 0; j < n; j++)
        {
            mask[j] = counts[j] > 0 && counts[j] < net.Timesteps;
            injected[j] = (int)Math.Clamp(Math.Round(scale * g[j] * backwardUnit), -limit, limit);
        }

        CountThirdFactor(Layout.Feedback, n);
        CountThirdFactor(Layout.Readout, m);
        backward.Run(view, injected, mask, net.BackwardTimesteps);
        for (int i = 0; i < n; i++)
        {
            post[i] = mask[i] ? backward.Count[i] : 0;
        }

        double eta = rule.LearningRate * LearningRateScale;
        double beta = net.BackwardReset / (net.Reset * net.BackwardTimesteps * scale);
        var feedbackScale = FixedScale.From(eta * beta / (net.Timesteps * Layout.Feedback.Lsb));
        var inputScale = FixedScale.From(eta * beta / (options.PayloadScale * Layout.Input.Lsb));
        var readoutScale = FixedScale.From(eta * Math.Pow(2, errorExponent) / (net.Timesteps * Layout.Readout.Lsb));
        LastFeedbackFactor = feedbackScale.Value;
        UpdateReadout(readoutScale);
        UpdateHidden(inputScale, feedbackScale);
        LimitFeedbackNorm();
    }

    /// <summary>The exponent X that puts max|v| into a 16-bit mantissa: |v| / 2^X ≤ 2^15 − 1.</summary>
    private int MantissaExponent(ReadOnlySpan<double> values)
    {
        double largest = 0;
        foreach (double v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        int max = (1 << (options.ThirdFactorBits - 1)) - 1;
        return largest > 0 ? (int)Math.Ceiling(Math.Log2(largest / max)) : 0;
    }

    private void CountThirdFactor(PlasticLayer layer, int packets)
    {
        Counters.ThirdFactorPackets += packets;
        foreach (LayerSlice slice in layer.Slices)
        {
            (int ew, int ns) = mesh.HopsByAxis(0, slice.CoreId);
            Counters.ThirdFactorHopsEastWest += (long)ew * slice.Count;
            Counters.ThirdFactorHopsNorthSouth += (long)ns * slice.Count;
        }
    }

    /// <summary>R[j, c] ← R[j, c] − SR(N_j · E_c · K, S) for every hidden neuron that spiked.</summary>
    private void UpdateReadout(FixedScale k)
    {
        int max = (1 << (options.WeightBits - 1)) - 1;
        for (int j = 0; j < counts.Length; j++)
        {
            if (counts[j] == 0)
            {
                continue;
            }

            Span<short> row = view.DenseRowWeights(readoutCore, j);
            long a = counts[j] * k.Mantissa;
            for (int c = 0; c < row.Length; c++)
            {
                if (errorMantissa[c] != 0)
                {
                    row[c] = Saturate(row[c] - readoutRounder.ShiftRight(a * errorMantissa[c], k.Shift), max);
                }
            }

            Counters.SynapticUpdates += row.Length;
        }
    }

    /// <summary>F and W rows of every hidden core: pre (payload_j or N_j) × post (m_i·count_i) × K, stochastically rounded.</summary>
    private void UpdateHidden(FixedScale inputScale, FixedScale feedbackScale)
    {
        int max = (1 << (options.WeightBits - 1)) - 1;
        for (int s = 0; s < hiddenCores.Length; s++)
        {
            LayerSlice slice = Layout.Feedback.Slices[s];
            ReadOnlySpan<int> c = post.AsSpan(slice.FirstNeuron, slice.Count);
            if (!c.ContainsAnyExcept(0))
            {
                continue;
            }

            for (int j = 0; j < net.Inputs; j++)
            {
                if (payload[j] != 0)
                {
                    UpdateRow(view.DenseRowWeights(hiddenCores[s], j), payload[j] * inputScale.Mantissa, inputScale.Shift, c, rounders[s], max, squares: false);
                }
            }

            for (int j = 0; j < net.Hidden; j++)
            {
                if (counts[j] != 0)
                {
                    UpdateRow(view.DenseRowWeights(hiddenCores[s], Layout.FeedbackAxon(j)), counts[j] * feedbackScale.Mantissa, feedbackScale.Shift, c, rounders[s], max, squares: true);
                }
            }
        }
    }

    private void UpdateRow(Span<short> row, long a, int shift, ReadOnlySpan<int> c, StochasticRounder rng, int max, bool squares)
    {
        long change = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (c[i] != 0)
            {
                short before = row[i];
                row[i] = Saturate(before - rng.ShiftRight(a * c[i], shift), max);
                change += (row[i] * (long)row[i]) - (before * (long)before);
            }
        }

        if (squares)
        {
            feedbackSquares += change;
        }

        Counters.SynapticUpdates += row.Length;
    }

    /// <summary>‖W‖_F above the bound: every W row is scaled by bound/‖W‖ (stochastically rounded) and the squares recounted.</summary>
    private void LimitFeedbackNorm()
    {
        double norm = Math.Sqrt(feedbackSquares) * Layout.Feedback.Lsb;
        if (rule.FeedbackNormBound <= 0 || norm <= rule.FeedbackNormBound)
        {
            return;
        }

        var k = FixedScale.From(rule.FeedbackNormBound / norm);
        for (int s = 0; s < hiddenCores.Length; s++)
        {
            for (int j = 0; j < net.Hidden; j++)
            {
                Span<short> row = view.DenseRowWeights(hiddenCores[s], Layout.FeedbackAxon(j));
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (short)rounders[s].ShiftRight(row[i] * k.Mantissa, k.Shift);
                }

                Counters.SynapticUpdates += row.Length;
            }
        }

        FeedbackRescales++;
        feedbackSquares = SumOfSquares();
    }

    private double SumOfSquares()
    {
        double sum = 0;
        for (int s = 0; s < hiddenCores.Length; s++)
        {
            for (int j = 0; j < net.Hidden; j++)
            {
                foreach (short w in view.DenseRowWeights(hiddenCores[s], Layout.FeedbackAxon(j)))
                {
                    sum += w * (double)w;
                }
            }
        }

        return sum;
    }

    private short Saturate(long w, int max)
    {
        if (w > max || w < -max)
        {
            Counters.SaturatedUpdates++;
            return (short)Math.Clamp(w, -max, max);
        }

        return (short)w;
    }

    private sealed class BarrierHook(ChipFeedbackSnn owner) : ITickHook
    {
        public void AtBarrier(int tick, SimulatorView view) => owner.AtBarrier(tick);
    }
}
