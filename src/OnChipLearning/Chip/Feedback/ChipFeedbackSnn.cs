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
public sealed partial class ChipFeedbackSnn : ISampleLearner, IDisposable
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

    private sealed class BarrierHook(ChipFeedbackSnn owner) : ITickHook
    {
        public void AtBarrier(int tick, SimulatorView view) => owner.AtBarrier(tick);
    }
}
