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
public sealed class ChipSnn : IContinualLearner, IDisposable
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

    /// <summary>Training samples run so far; the forward counters below cover these samples only.</summary>
    public long SamplesTrained { get; private set; }

    public long TicksRun { get; private set; }

    /// <summary>Engine counters of the training samples' forward runs.</summary>
    public ForwardCounters ForwardCounts { get; } = new();

    public bool Train(ReadOnlySpan<float> x, int label)
    {
        if (hlop is { Task: < 0 })
        {
            hlop.BeginTask(0);
        }

        return RunSample(x, label, learn: true) == label;
    }

    public int Predict(ReadOnlySpan<float> x) => RunSample(x, -1, learn: false);

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

    private int RunSample(ReadOnlySpan<float> x, int sampleLabel, bool learn)
    {
        label = sampleLabel;
        training = learn;
        simulator.Reset();
        foreach (SpikingLayerState layer in spiking)
        {
            layer.Clear();
        }

        foreach (PlasticState p in plastic)
        {
            p.ClearAccumulators();
        }

        Array.Clear(outputSum);
        var input = new InputSchedule();
        for (int j = 0; j < x.Length; j++)
        {
            payload[j] = (int)Math.Round(Math.Clamp(x[j], 0f, 1f) * options.PayloadScale);
            if (payload[j] != 0)
            {
                for (int t = 0; t < net.Timesteps; t++)
                {
                    input.AddSpike(t, "in", j, payload[j]);
                }
            }
        }

        firstPre = learn && hlop is not null && hlop.Projects(0) ? hlop.Project(0, payload) : payload;
        SetNoise(-1);
        RunResult run = simulator.Run(net.Timesteps + hidden, input);
        if (training)
        {
            Accumulate(run.Counters);
        }

        if (training)
        {
            if (glsnn)
            {
                LearnRates();
            }
            else if (rule.Schedule == OtttSchedule.PerSample)
            {
                foreach (PlasticState p in plastic)
                {
                    ApplyAccumulated(p);
                }
            }

            AdaptThirdFactorExponents();
            if (hlop is not null)
            {
                CollectLateralSample();
            }
        }

        return glsnn ? Readout.ArgMax(spiking[^1].Count) : Readout.ArgMax(outputSum);
    }

    private void Accumulate(EventSim.Probes.RunCounters counters)
    {
        LastRun = counters;
        SamplesTrained++;
        TicksRun += counters.Ticks;
        ForwardCounts.Add(counters);
    }

    /// <summary>Barrier of chip tick <paramref name="k"/> (counted from the sample's start).</summary>
    private void AtBarrier(int k)
    {
        for (int h = 0; h < spiking.Length; h++)
        {
            int tau = k - h;
            if (tau >= 0 && tau < net.Timesteps)
            {
                Observe(spiking[h], tau);
            }
        }

        if (!glsnn)
        {
            int tau = k - hidden;
            if (tau >= 0 && tau < net.Timesteps)
            {
                ReadOut();
                if (training)
                {
                    LearnOnline(tau);
                }
            }
        }

        // After learning: the next tick's noise reuses the delay-line slot whose z the update above just read.
        SetNoise(k);
    }

    /// <summary>The cores' learning circuits: ψ from the pre-reset voltage, the trace, counts; into the delay line.</summary>
    private void Observe(SpikingLayerState layer, int tau)
    {
        int slot = tau % depth;
        long theta = Layout.ThresholdUnits;
        int[] psi = layer.PsiRing[slot];
        int[] trace = layer.TraceRing[slot];
        foreach (SliceState s in layer.Slices)
        {
            Span<int> v = view.Voltages(s.CoreIndex);
            foreach (int i in view.SpikesThisTick(s.CoreIndex))
            {
                layer.Spiked[s.Slice.FirstNeuron + i] = true;
            }

            for (int i = 0; i < s.Slice.Count; i++)
            {
                int g = s.Slice.FirstNeuron + i;
                bool spiked = layer.Spiked[g];
                layer.Spiked[g] = false;
                int p = table.Lookup(v[i] + (spiked ? theta : 0), theta);
                psi[g] = p;
                layer.Trace[g] = ((layer.Trace[g] * traceKeep) >> 12) + (spiked ? 1 << SurrogateTable.FractionBits : 0);
                trace[g] = layer.Trace[g];
                layer.Count[g] += spiked ? 1 : 0;
                layer.PsiSum[g] += p;
            }
        }
    }

    /// <summary>
    /// Node perturbation for the next tick: α·z with z = ±1 from each hidden neuron's core generator, negated on odd
    /// ticks ("dual noise"), as the neuron's held input (membrane) or as the graded offset its next packets carry
    /// (activity: every hidden neuron sends s + α·z each tick). Cleared when the layer's T ticks are over.
    /// </summary>
    private void SetNoise(int k)
    {
        if (rule.Credit is not (CreditAssignment.Opzo or CreditAssignment.ZerothOrder) || !training || glsnn)
        {
            return;
        }

        for (int h = 0; h < hidden; h++)
        {
            SpikingLayerState layer = spiking[h];
            int next = k + 1 - h;
            if (next < 0 || next > net.Timesteps)
            {
                continue;
            }

            int[] z = layer.NoiseRing[next % depth];
            int[] previous = layer.NoiseRing[(next + depth - 1) % depth];
            foreach (SliceState s in layer.Slices)
            {
                Span<int> held = activityNoise ? view.GradedOffsets(s.CoreIndex) : view.HeldInputs(s.CoreIndex);
                for (int i = 0; i < s.Slice.Count; i++)
                {
                    int g = s.Slice.FirstNeuron + i;
                    z[g] = next == net.Timesteps ? 0 : (next & 1) == 1 ? -previous[g] : s.Rng.NextSign();
                    held[i] = z[g] * noiseInput;
                }
            }
        }
    }

    private void ReadOut()
    {
        PlasticLayer readout = Layout.Layers[^1];
        foreach (LayerSlice slice in readout.Slices)
        {
            Span<int> u = view.Currents(view.IndexOf(slice.CoreId));
            for (int i = 0; i < slice.Count; i++)
            {
                output[slice.FirstNeuron + i] = u[i] / (double)Layout.ReadoutUnits;
            }
        }

        for (int c = 0; c < output.Length; c++)
        {
            outputSum[c] += output[c];
        }
    }

    /// <summary>OTTT with the chosen credit path, for the float tick <paramref name="tau"/> whose output was just read.</summary>
    private void LearnOnline(int tau)
    {
        double loss = Loss.Instantaneous(output, label, rule.Gamma, net.Timesteps, error);
        int slot = tau % depth;
        int m = net.Outputs;
        Array.Copy(error, thirdFactor[hidden], m);
        if (rule.Credit == CreditAssignment.Opzo)
        {
            OutputBaseline.EstimateOutput(baseline, output, label, tau, estimateOutput);
        }

        for (int h = hidden - 1; h >= 0; h--)
        {
            double[] g = thirdFactor[h];
            int[] z = spiking[h].NoiseRing[slot];
            switch (rule.Credit)
            {
                case CreditAssignment.Spatial:
                    ReverseProduct(Layout.Layers[h + 1], h + 1 == hidden ? error : Delta(h + 1, slot), g);
                    break;
                case CreditAssignment.Dfa:
                    FeedbackProduct(feedback[h], null, m, g);
                    break;
                case CreditAssignment.Opzo:
                    UpdateFeedbackEstimate(h, z);
                    FeedbackProduct(null, feedbackMomentum[h], m, g);
                    break;
                case CreditAssignment.ZerothOrder:
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] = z[i] * loss / NoiseScale;
                    }

                    break;
            }
        }

        for (int l = 0; l <= hidden; l++)
        {
            PlasticState p = plastic[l];
            int[]? psi = l < hidden ? spiking[l].PsiRing[slot] : null;
            PreparePostFactors(p, thirdFactor[l], psi, psiScale: 1 << SurrogateTable.FractionBits);
            ReadOnlySpan<int> pre = PreFactor(l, l == 0 ? payload : spiking[l - 1].TraceRing[slot], l == 0 ? options.PayloadScale : 1 << SurrogateTable.FractionBits, out double preScale);
            Update(p, pre, preScale, psiScale: 1 << SurrogateTable.FractionBits, applyNow: rule.Schedule == OtttSchedule.PerTick);
        }
    }

    /// <summary>δ of hidden layer h at the delay-line slot, as the controller forms it for the spatial path.</summary>
    private double[] Delta(int h, int slot)
    {
        double[] g = thirdFactor[h];
        int[] psi = spiking[h].PsiRing[slot];
        var d = new double[g.Length];
        for (int i = 0; i < g.Length; i++)
        {
            d[i] = g[i] * psi[i] / (1 << SurrogateTable.FractionBits);
        }

        return d;
    }

    /// <summary>GLSNN after the sample: rate targets from the output error, local rate-based updates.</summary>
    private void LearnRates()
    {
        int m = net.Outputs;
        int t = net.Timesteps;
        SpikingLayerState top = spiking[hidden];
        double[] outError = new double[m];
        double[] outDelta = thirdFactor[hidden];
        for (int c = 0; c < m; c++)
        {
            outError[c] = (top.Count[c] / (double)t) - (c == label ? 1 : 0);
            outDelta[c] = 2 * outError[c] / m;
        }

        Array.Copy(outError, error, m);
        for (int h = hidden - 1; h >= 0; h--)
        {
            double[] d = thirdFactor[h];
            if (h == hidden - 1)
            {
                var through = new double[m];
                for (int c = 0; c < m; c++)
                {
                    through[c] = outDelta[c] * top.PsiSum[c] / (t * (double)(1 << SurrogateTable.FractionBits));
                }

                ReverseProduct(Layout.Layers[hidden], through, d);
                for (int i = 0; i < d.Length; i++)
                {
                    d[i] *= rule.TargetStep;
                }
            }
            else
            {
                FeedbackProduct(feedback[h], null, m, d);
            }
        }

        for (int l = 0; l <= hidden; l++)
        {
            PlasticState p = plastic[l];
            PreparePostFactors(p, thirdFactor[l], spiking[l].PsiSum, psiScale: t << SurrogateTable.FractionBits);
            ReadOnlySpan<int> pre = PreFactor(l, l == 0 ? payload : spiking[l - 1].Count, l == 0 ? options.PayloadScale : t, out double preScale);
            Update(p, pre, preScale, psiScale: t << SurrogateTable.FractionBits, applyNow: true);
        }
    }

    /// <summary>
    /// The third factor of every post neuron as the controller sends it (a mantissa of the configured width
    /// with the layer's exponent, calibrated on the first learning step), times the neuron's own ψ.
    /// </summary>
    private void PreparePostFactors(PlasticState p, double[] g, int[]? psi, int psiScale)
    {
        int max = (1 << (options.ThirdFactorBits - 1)) - 1;
        double largest = g.Max(Math.Abs);
        p.LargestThisSample = Math.Max(p.LargestThisSample, largest);
        if (!p.Calibrated)
        {
            p.ThirdFactorExponent = largest > 0 ? ExponentFor(largest, max) : 0;
            p.Calibrated = largest > 0;
        }

        double unit = Math.Pow(2, p.ThirdFactorExponent);
        for (int i = 0; i < g.Length; i++)
        {
            long mantissa = Math.Clamp((long)Math.Round(g[i] / unit), -max, max);
            p.PostFactor[i] = mantissa * (psi is null ? psiScale : psi[i]);
        }

        Counters.ThirdFactorPackets += g.Length;
        foreach (LayerSlice slice in p.Layer.Slices)
        {
            (int ew, int ns) = mesh.HopsByAxis(0, slice.CoreId);
            Counters.ThirdFactorHopsEastWest += (long)ew * slice.Count;
            Counters.ThirdFactorHopsNorthSouth += (long)ns * slice.Count;
        }
    }

    /// <summary>The exponent that leaves 8× headroom above <paramref name="largest"/> in a mantissa of <paramref name="max"/>.</summary>
    private static int ExponentFor(double largest, int max) => (int)Math.Ceiling(Math.Log2(largest * 8 / max));

    /// <summary>
    /// Between samples the controller moves each layer's third-factor exponent to the magnitudes it has
    /// seen: up at once when the headroom is gone (errors that grow, e.g. OPZO's feedback estimate building
    /// up, would otherwise clip), down only after they shrank 16-fold. Within a sample the exponent is fixed,
    /// so accumulated updates share one scale.
    /// </summary>
    private void AdaptThirdFactorExponents()
    {
        int max = (1 << (options.ThirdFactorBits - 1)) - 1;
        foreach (PlasticState p in plastic)
        {
            if (p.Calibrated && p.LargestThisSample > 0)
            {
                int wanted = ExponentFor(p.LargestThisSample, max);
                if (wanted > p.ThirdFactorExponent || wanted < p.ThirdFactorExponent - 4)
                {
                    p.ThirdFactorExponent = wanted;
                }
            }

            p.LargestThisSample = 0;
        }
    }

    /// <summary>
    /// ΔW_ji = −η · pre_j · ψ_i · g_i in mantissa units: pre (scaled by <paramref name="preScale"/>), the post factor
    /// ψ·m (scaled by <paramref name="psiScale"/> · 2^−E), and F = η·2^E / (preScale · psiScale · LSB) as a
    /// fixed multiplier and shift. Applied now with stochastic rounding, or accumulated for the end of the sample.
    /// </summary>
    private void Update(PlasticState p, ReadOnlySpan<int> pre, double preScale, int psiScale, bool applyNow)
    {
        FixedScale f = FixedScale.From(rule.LearningRate * LearningRateScale * Math.Pow(2, p.ThirdFactorExponent) / (preScale * psiScale * p.Layer.Lsb));
        p.Scale = f;
        if (!applyNow)
        {
            if (p.Layer.Index == 0)
            {
                // The input's trace is the sample itself, constant over the sample: Σ_t pre·c[t] = pre·Σ_t c[t].
                for (int i = 0; i < p.PostFactor.Length; i++)
                {
                    p.NeuronAccumulator[i] += p.PostFactor[i];
                }
            }
            else
            {
                int post = p.Layer.Post;
                for (int j = 0; j < pre.Length; j++)
                {
                    if (pre[j] != 0)
                    {
                        Span<long> acc = p.SynapseAccumulator.AsSpan(j * post, post);
                        for (int i = 0; i < post; i++)
                        {
                            acc[i] += (long)pre[j] * p.PostFactor[i];
                        }
                    }
                }
            }

            return;
        }

        ApplyProducts(p, pre, p.PostFactor, f);
    }

    private void ApplyAccumulated(PlasticState p)
    {
        if (p.Layer.Index == 0)
        {
            ApplyProducts(p, firstPre, p.NeuronAccumulator, p.Scale);
        }
        else
        {
            int max = (1 << (options.WeightBits - 1)) - 1;
            int post = p.Layer.Post;
            foreach (SliceState s in p.Slices)
            {
                for (int j = 0; j < p.Layer.Pre; j++)
                {
                    Span<short> row = view.DenseRowWeights(s.CoreIndex, j);
                    ReadOnlySpan<long> acc = p.SynapseAccumulator.AsSpan((j * post) + s.Slice.FirstNeuron, s.Slice.Count);
                    for (int i = 0; i < acc.Length; i++)
                    {
                        if (acc[i] != 0)
                        {
                            row[i] = Saturate(row[i] - s.Rng.ShiftRight(acc[i] * p.Scale.Mantissa, p.Scale.Shift), max);
                        }
                    }

                    Counters.SynapticUpdates += s.Slice.Count;
                }
            }
        }
    }

    /// <summary>w_ji ← w_ji − SR(pre_j · c_i · K, S) over every plastic synapse with a non-zero presynaptic factor.</summary>
    private void ApplyProducts(PlasticState p, ReadOnlySpan<int> pre, ReadOnlySpan<long> post, FixedScale f)
    {
        int max = (1 << (options.WeightBits - 1)) - 1;
        foreach (SliceState s in p.Slices)
        {
            ReadOnlySpan<long> c = post.Slice(s.Slice.FirstNeuron, s.Slice.Count);
            for (int j = 0; j < pre.Length; j++)
            {
                if (pre[j] == 0)
                {
                    continue;
                }

                Span<short> row = view.DenseRowWeights(s.CoreIndex, j);
                long a = pre[j] * f.Mantissa;
                for (int i = 0; i < row.Length; i++)
                {
                    if (c[i] != 0)
                    {
                        row[i] = Saturate(row[i] - s.Rng.ShiftRight(a * c[i], f.Shift), max);
                    }
                }

                Counters.SynapticUpdates += row.Length;
            }
        }
    }

    /// <summary>
    /// The presynaptic factor of weight layer <paramref name="l"/>'s update and its scale: the layer's activity, or with
    /// HLOP its projection x − H_oldᵀ·H_old·x off the frozen rows (the first layer's, constant over a sample, is
    /// projected once per sample), which carries <see cref="LateralSubspace.ProjectionFractionBits"/> more fraction bits.
    /// </summary>
    private ReadOnlySpan<int> PreFactor(int l, int[] pre, double scale, out double preScale)
    {
        if (hlop is null || !hlop.Projects(l))
        {
            preScale = scale;
            return pre;
        }

        preScale = scale * (1 << LateralSubspace.ProjectionFractionBits);
        return l == 0 ? firstPre : hlop.Project(l, pre);
    }

    /// <summary>
    /// The sample's presynaptic activity of every weight layer, as the lateral neurons learn from it (Q8): the input
    /// value for the first layer, the firing rate round(256·count/T) of the layer below for the others.
    /// </summary>
    private void CollectLateralSample()
    {
        Span<int> first = hlop!.Slot(0);
        int scale = options.PayloadScale;
        for (int j = 0; j < first.Length; j++)
        {
            first[j] = ((payload[j] << 8) + (scale / 2)) / scale;
        }

        int t = net.Timesteps;
        for (int l = 1; l < depth; l++)
        {
            Span<int> slot = hlop.Slot(l);
            int[] count = spiking[l - 1].Count;
            for (int j = 0; j < slot.Length; j++)
            {
                slot[j] = ((count[j] << 8) + (t / 2)) / t;
            }
        }

        hlop.EndSample();
    }

    /// <summary>Class <paramref name="c"/>'s score in the last run: the summed readout, or the output layer's spike count with GLSNN.</summary>
    internal double Score(int c) => glsnn ? spiking[^1].Count[c] : outputSum[c];

    private short Saturate(long w, int max)
    {
        if (w > max || w < -max)
        {
            Counters.SaturatedUpdates++;
            return (short)Math.Clamp(w, -max, max);
        }

        return (short)w;
    }

    /// <summary>g_j = Σ_i W[j, i]·d_i, reading the layer's synapse rows in reverse (weight transport).</summary>
    private void ReverseProduct(PlasticLayer layer, ReadOnlySpan<double> d, double[] g)
    {
        Array.Clear(g);
        foreach (LayerSlice slice in layer.Slices)
        {
            int core = view.IndexOf(slice.CoreId);
            for (int j = 0; j < layer.Pre; j++)
            {
                Span<short> row = view.DenseRowWeights(core, j);
                double sum = 0;
                for (int i = 0; i < slice.Count; i++)
                {
                    sum += row[i] * d[slice.FirstNeuron + i];
                }

                g[j] += sum * layer.Lsb;
            }
        }
    }

    private void FeedbackProduct(float[]? b, double[]? mMatrix, int m, double[] g)
    {
        for (int i = 0; i < g.Length; i++)
        {
            double sum = 0;
            for (int c = 0; c < m; c++)
            {
                sum += (b is null ? mMatrix![(i * m) + c] : b[(i * m) + c]) * error[c];
            }

            g[i] = sum;
        }
    }

    /// <summary>OPZO's feedback estimate, kept per neuron: M ← λ_M·M + (1 − λ_M)·z·õᵀ/α (õ − b with the output baseline).</summary>
    private void UpdateFeedbackEstimate(int h, int[] z)
    {
        double[] mMatrix = feedbackMomentum[h];
        int m = net.Outputs;
        double keep = rule.FeedbackMomentum;
        double gain = (1 - rule.FeedbackMomentum) / NoiseScale;
        for (int i = 0; i < z.Length; i++)
        {
            for (int c = 0; c < m; c++)
            {
                int k = (i * m) + c;
                mMatrix[k] = (keep * mMatrix[k]) + (gain * z[i] * estimateOutput[c]);
            }
        }
    }



    private sealed class BarrierHook(ChipSnn owner) : ITickHook
    {
        public void AtBarrier(int tick, SimulatorView view) => owner.AtBarrier(tick);
    }
}
