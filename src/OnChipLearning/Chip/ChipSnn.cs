using NeuroChip.EventSim;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Continual;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Surrogates;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// On-chip learning on the event engine. The forward pass is the chip's: graded input events, synaptic
/// accumulation, LIF updates and spike routing, one tick of routing latency per layer (so a sample takes
/// T + L ticks and layer l sees its float tick τ at chip tick τ + l). At every tick's barrier the cores'
/// learning circuits update traces and the ψ look-up (<see cref="SpikingLayerState"/>), the learning
/// controller reads the readout and forms the error and each layer's third factor (a 16-bit mantissa
/// with a layer exponent, one modulatory packet per neuron), and the cores change their plastic synapse
/// memory in fixed point with stochastic rounding from their own seeded generators. With HLOP
/// (<see cref="ChipLearningOptions.Hlop"/>) every weight layer also has lateral subspace neurons on cores of
/// their own (<see cref="LateralLayout"/>): after each training sample they run the lateral loop on the layer's
/// presynaptic activity (<see cref="LateralSubspace"/>), and every update's presynaptic factor is projected off
/// the frozen rows in fixed point.
/// </summary>
public sealed partial class ChipSnn : IContinualLearner, IDisposable
{
    private readonly SnnSpec net;
    private readonly LearningRuleSpec rule;
    private readonly ChipLearningOptions options;
    private readonly Simulator simulator;
    private readonly SimulatorView view;
    private readonly MeshTopology mesh;
    private readonly SurrogateTable table;
    private readonly bool glsnn;
    private readonly int hidden;
    private readonly int depth;
    private readonly SpikingLayerState[] spiking;
    private readonly PlasticState[] plastic;
    private readonly float[][] feedback;
    private readonly double[][] feedbackMomentum;
    private readonly double[] estimateOutput;   // õ, or õ − b with OPZO's output baseline
    private readonly OutputBaseline? baseline;
    private readonly double[][] thirdFactor;
    private readonly double[] output;
    private readonly double[] outputSum;
    private readonly double[] error;
    private readonly int[] payload;
    private readonly int traceKeep;
    private readonly int noiseInput;
    private readonly bool activityNoise;
    private readonly ChipHlop? hlop;
    private int[] firstPre;
    private int label;
    private bool training;

    public ChipSnn(SnnSpec net, LearningRuleSpec rule, ChipSpec chip, ChipLearningOptions options, IReadOnlyList<float[]> initialWeights)
    {
        var errors = rule.Validate();
        if (errors.Count > 0)
        {
            throw new UserInputException("Invalid learning rule:\n  " + string.Join("\n  ", errors));
        }

        if (rule.Credit == CreditAssignment.Spatial && rule.Rule == LearningRule.Ottt && !chip.ReverseSynapseAccess)
        {
            throw new UserInputException(
                $"Spatial credit assignment reads the synapse array in reverse (Wᵀ, weight transport), which chip '{chip.Name}' does not offer (reverseSynapseAccess = false). Use --credit dfa or opzo, or a chip with reverse access such as 'nc-learn'.");
        }

        if (rule.ForwardNoise)
        {
            throw new UserInputException("--forward-noise (the noisy forward pass with spatial or DFA credit) is a float-reference experiment; drop it on the chip, or use --precision float.");
        }

        if (rule.Rule == LearningRule.Glsnn && !chip.ReverseSynapseAccess)
        {
            throw new UserInputException(
                $"GLSNN's last hidden layer takes its target through the output weights in reverse (W_outᵀ), which chip '{chip.Name}' does not offer (reverseSynapseAccess = false). Use a chip with reverse access such as 'nc-learn'.");
        }

        if (rule.Rule is LearningRule.Ide or LearningRule.Spide)
        {
            throw new UserInputException($"Rule {rule.Rule} trains a feedback network: use ChipFeedbackSnn (SPIDE) or the float reference FeedbackSnn (IDE).");
        }

        if (rule.Momentum > 0)
        {
            throw new UserInputException("On-chip learning applies plain SGD updates; momentum needs a per-synapse velocity the chip does not store. Use momentum 0.");
        }

        activityNoise = rule.NoisePosition == NoisePosition.Activity && rule.Credit is CreditAssignment.Opzo or CreditAssignment.ZerothOrder && rule.Rule != LearningRule.Glsnn;
        if (activityNoise && options.HiddenPayloadLog2 == 0)
        {
            options = options with { HiddenPayloadLog2 = ActivityPayloadLog2 };
        }

        // On the activity, α·z rides on the hidden neurons' graded spikes: an offset of ±round(α·2^k) against a spike's 2^k.
        int activityStep = 1 << options.HiddenPayloadLog2;
        if (activityNoise && Math.Round(rule.NoiseScale * activityStep) == 0)
        {
            throw new UserInputException(
                $"Noise scale α = {rule.NoiseScale} rounds to 0 in the hidden neurons' graded payload (1/{activityStep} of a spike). Use α ≥ {0.5 / activityStep:0.####}.");
        }

        this.net = net;
        this.rule = rule;
        this.options = options;
        glsnn = rule.Rule == LearningRule.Glsnn;
        hidden = net.Hidden.Count;
        depth = hidden + 1;
        Layout = LearningLayout.Build(net, chip, options, glsnn, initialWeights);
        simulator = new Simulator(Layout.Image, new SimulatorOptions { Hook = new BarrierHook(this), Threads = options.Threads, MinWorkPerWorker = options.MinWorkPerWorker });
        view = simulator.View;
        mesh = new MeshTopology(chip.Mesh);
        table = new SurrogateTable(rule.SurrogateAlpha);
        int spikingCount = glsnn ? hidden + 1 : hidden;
        spiking = Enumerable.Range(0, spikingCount)
            .Select(h => new SpikingLayerState(Layout.Layers[h], depth, view.IndexOf, (ulong)rule.Seed * 1_000_003UL + (ulong)h))
            .ToArray();
        plastic = Layout.Layers.Select(l => new PlasticState(l, rule.Schedule == OtttSchedule.PerSample || glsnn, view.IndexOf, (ulong)rule.Seed * 7_368_787UL + (ulong)l.Index)).ToArray();
        var rng = new Random(FeedbackPaths.SeedFor(rule.Seed));
        feedback = net.Hidden.Select(n => FeedbackPaths.Random(n, net.Outputs, rng)).ToArray();
        feedbackMomentum = net.Hidden.Select(n => new double[n * net.Outputs]).ToArray();
        estimateOutput = new double[net.Outputs];
        baseline = rule.Credit == CreditAssignment.Opzo && rule.FeedbackBaseline > 0 ? new OutputBaseline(net.Outputs, net.Timesteps, rule.FeedbackBaseline) : null;
        thirdFactor = Layout.Layers.Select(l => new double[l.Post]).ToArray();
        output = new double[net.Outputs];
        outputSum = new double[net.Outputs];
        error = new double[net.Outputs];
        payload = new int[net.Inputs];
        traceKeep = (int)Math.Round(net.Lambda * 4096);
        if (activityNoise)
        {
            noiseInput = (int)Math.Round(rule.NoiseScale * activityStep);
            NoiseScale = noiseInput / (double)activityStep;
        }
        else
        {
            noiseInput = (int)Math.Round(rule.NoiseScale * Layout.ThresholdUnits / 64.0);
            NoiseScale = rule.NoiseScale;
        }
        firstPre = payload;
        hlop = options.Hlop is null ? null : new ChipHlop(Layout.Lateral, options.Hlop, view.DenseRowWeights, view.IndexOf, (ulong)rule.Seed * 2_654_435_761UL, Counters);
    }

    /// <summary>Payload bits of the hidden neurons' graded spikes when OPZO's noise rides on the activity (α in steps of 1/64 of a spike).</summary>
    public const int ActivityPayloadLog2 = 6;

    public LearningLayout Layout { get; }

    /// <summary>The node-perturbation scale α as the chip applies it (on the activity: rounded to the graded payload's step).</summary>
    public double NoiseScale { get; }

    public double LearningRateScale { get; set; } = 1;

    public LearningCounters Counters { get; } = new();

    /// <summary>Engine worker threads the cores run on (at most <see cref="ChipLearningOptions.Threads"/>; fewer for small networks).</summary>
    public int Workers => simulator.WorkerCount;

    /// <summary>Counters of the last training sample's forward run.</summary>
    public EventSim.Probes.RunCounters? LastRun { get; private set; }

    /// <summary>Training samples run so far; the forward counters of <see cref="Counters"/> cover these samples only.</summary>
    public long SamplesTrained { get; private set; }

    public long TicksRun { get; private set; }

    public bool Train(ReadOnlySpan<float> x, int label)
    {
        if (hlop is { Task: < 0 })
        {
            hlop.BeginTask(0);
        }

        return RunSample(x, label, learn: true) == label;
    }

    /// <summary>The predicted class among <paramref name="classes"/> (all classes when empty).</summary>
    public int Predict(ReadOnlySpan<float> x, ReadOnlySpan<int> classes)
    {
        int all = RunSample(x, -1, learn: false);
        if (classes.IsEmpty)
        {
            return all;
        }

        int best = classes[0];
        foreach (int c in classes)
        {
            if (Score(c) > Score(best))
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// Starts task <paramref name="task"/>: with HLOP the lateral rows learned so far freeze and start protecting,
    /// and each layer grows the rows the schedule adds; without HLOP nothing changes.
    /// </summary>
    public void BeginTask(int task) => hlop?.BeginTask(task);

    /// <summary>HLOP: lateral rows grown so far in weight layer <paramref name="layer"/> (0 without HLOP).</summary>
    public int LateralRows(int layer) => hlop?.Layers[layer].Rows ?? 0;

    /// <summary>HLOP: rows of earlier tasks in weight layer <paramref name="layer"/>, frozen and projected out.</summary>
    public int FrozenLateralRows(int layer) => hlop?.Layers[layer].FrozenRows ?? 0;

    /// <summary>HLOP: H of weight layer <paramref name="layer"/> as floats (row-major, the grown rows).</summary>
    public float[] LateralWeights(int layer) => hlop?.Layers[layer].Weights() ?? [];

    /// <summary>HLOP: runs the lateral loop on a partly filled batch (the end of training).</summary>
    public void FlushLateral() => hlop?.Flush();

    internal ChipHlop? Hlop => hlop;

    /// <summary>The current weights of layer <paramref name="layer"/> as floats (mantissa × LSB), pre-major.</summary>
    public float[] Weights(int layer)
    {
        PlasticLayer l = Layout.Layers[layer];
        var w = new float[l.Pre * l.Post];
        foreach (LayerSlice slice in l.Slices)
        {
            int core = view.IndexOf(slice.CoreId);
            for (int j = 0; j < l.Pre; j++)
            {
                Span<short> row = view.DenseRowWeights(core, j);
                for (int i = 0; i < slice.Count; i++)
                {
                    w[(j * l.Post) + slice.FirstNeuron + i] = (float)(row[i] * l.Lsb);
                }
            }
        }

        return w;
    }

    /// <inheritdoc/>
    public double? FeedbackAlignment => rule.Rule == LearningRule.Glsnn ? null : rule.Credit switch
    {
        CreditAssignment.Dfa => Training.FeedbackAlignment.Cosine(feedback[^1], Weights(net.Hidden.Count)),
        CreditAssignment.Opzo => Training.FeedbackAlignment.Cosine(Array.ConvertAll(feedbackMomentum[^1], v => (float)v), Weights(net.Hidden.Count)),
        _ => null,
    };

    /// <summary>The chip image with the synapse memory as learning left it: runs inference as trained.</summary>
    public ChipImage ExportImage() => PlasticImage.Export(Layout.Image, view);

    public void Dispose() => simulator.Dispose();

    /// <summary>Class <paramref name="c"/>'s score in the last run: the summed readout, or the output layer's spike count with GLSNN.</summary>
    internal double Score(int c) => glsnn ? spiking[^1].Count[c] : outputSum[c];

    private sealed class BarrierHook(ChipSnn owner) : ITickHook
    {
        public void AtBarrier(int tick, SimulatorView view) => owner.AtBarrier(tick);
    }
}
