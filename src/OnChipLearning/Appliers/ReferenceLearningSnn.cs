using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Hlop;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Surrogates;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>
/// The float reference of on-chip learning: the network of <see cref="SnnSpec"/> trained one sample at a
/// time by the rule of <see cref="LearningRuleSpec"/>. Weights are stored pre-major (row j holds the
/// synapses of presynaptic neuron j, as a chip's synapse row does), so the forward pass adds the rows of
/// the neurons that spiked and every update is a rank-1 row update. Single-threaded and seeded:
/// the same seed gives bit-identical weights.
/// <para>A neuron fires when u &gt; θ, the chip's strict comparison (the source documents' H(u − θ) also fires at
/// equality; the two differ only on that measure-zero boundary, and matching the chip lets the two be compared spike for spike).</para>
/// <para>OTTT, per tick t and hidden layer l (â is the presynaptic trace, â ← λ·â + s; the input's trace is the sample):</para>
/// <code>
///   e = ∂ℓ[t]/∂o      g_L = W_outᵀ·e | B·e | M·e | z·ℓ/α      δ_l = g_l ⊙ ψ(u_l − θ)      ΔW_l = −η · â_{l−1} ⊗ δ_l
/// </code>
/// </summary>
public sealed class ReferenceLearningSnn : ISampleLearner
{
    private readonly SnnSpec net;
    private readonly LearningRuleSpec rule;
    private readonly Random rng;
    private readonly int[] sizes;
    private readonly float[][] weights;      // [layer][pre * post]
    private readonly float[][] gradients;    // accumulated (per sample) or momentum buffers
    private readonly float[][] velocity;
    private readonly float[][] feedback;     // B^l or M^l, [neuron * m]
    private readonly float[][] v;
    private readonly float[][] spikes;
    private readonly float[][] traces;
    private readonly float[][] psi;
    private readonly float[][] delta;
    private readonly float[][] noise;
    private readonly float[][] counts;
    private readonly float[][] psiSum;
    private readonly float[][] projected;    // presynaptic factor after the optional projection, per weight layer
    private readonly float[] inputCurrent;
    private readonly float[] deltaSumFirst;
    private readonly double[] output;
    private readonly double[] outputSum;
    private readonly double[] estimateOutput;   // õ, or õ − b with OPZO's output baseline
    private readonly OutputBaseline? baseline;
    private readonly double[] error;
    private bool ratesNormalised;

    public ReferenceLearningSnn(SnnSpec net, LearningRuleSpec rule, float initGain = 1f)
    {
        var errors = net.Validate().Concat(rule.Validate()).ToList();
        if (rule.Rule is LearningRule.Ide or LearningRule.Spide)
        {
            errors.Add($"rule {rule.Rule} trains a feedback network; use FeedbackSnn for it.");
        }

        if (errors.Count > 0)
        {
            throw new EventSim.UserInputException("Invalid learning setup:\n  " + string.Join("\n  ", errors));
        }

        this.net = net;
        this.rule = rule;
        rng = new Random(rule.Seed);
        sizes = net.Sizes;
        int layers = sizes.Length - 1;
        weights = new float[layers][];
        gradients = new float[layers][];
        velocity = new float[layers][];
        for (int l = 0; l < layers; l++)
        {
            float bound = initGain / MathF.Sqrt(sizes[l]);
            weights[l] = new float[sizes[l] * sizes[l + 1]];
            for (int k = 0; k < weights[l].Length; k++)
            {
                weights[l][k] = (float)((rng.NextDouble() * 2) - 1) * bound;
            }

            gradients[l] = new float[weights[l].Length];
            velocity[l] = rule.Momentum > 0 ? new float[weights[l].Length] : [];
        }

        int hidden = net.Hidden.Count;
        int m = net.Outputs;
        feedback = new float[hidden][];
        var feedbackRng = new Random(FeedbackPaths.SeedFor(rule.Seed));
        for (int h = 0; h < hidden; h++)
        {
            feedback[h] = rule.Credit is CreditAssignment.Dfa || rule.Rule == LearningRule.Glsnn
                ? FeedbackPaths.Random(net.Hidden[h], m, feedbackRng)
                : new float[net.Hidden[h] * m];
        }

        // Per spiking layer (hidden layers, plus the output layer when GLSNN makes it spiking).
        int spiking = hidden + 1;
        v = NewLayers(spiking);
        spikes = NewLayers(spiking);
        traces = NewLayers(spiking);
        psi = NewLayers(spiking);
        delta = NewLayers(spiking);
        noise = NewLayers(spiking);
        counts = NewLayers(spiking);
        psiSum = NewLayers(spiking);
        projected = Enumerable.Range(0, layers).Select(l => new float[sizes[l]]).ToArray();
        inputCurrent = new float[sizes[1]];
        deltaSumFirst = new float[sizes[1]];
        output = new double[m];
        outputSum = new double[m];
        estimateOutput = new double[m];
        baseline = rule.Credit == CreditAssignment.Opzo && rule.FeedbackBaseline > 0 ? new OutputBaseline(m, net.Timesteps, rule.FeedbackBaseline) : null;
        error = new double[m];
    }

    public SnnSpec Network => net;

    public double LearningRateScale { get; set; } = 1;

    public LearningRuleSpec Rule => rule;

    /// <summary>
    /// An optional replacement of every weight update's presynaptic factor (HLOP's x − H_oldᵀ·H_old·x); the forward
    /// pass is unchanged. Null trains with the plain presynaptic factor.
    /// </summary>
    public IPresynapticProjection? Projection { get; set; }

    /// <summary>Firing rates (spikes / T) of spiking layer <paramref name="layer"/> over the last sample run.</summary>
    public void CopyRates(int layer, Span<float> destination)
    {
        if (ratesNormalised)
        {
            counts[layer].CopyTo(destination);
        }
        else
        {
            TensorPrimitives.Multiply(counts[layer], 1f / net.Timesteps, destination);
        }
    }

    /// <summary>Weights of layer <paramref name="layer"/>, pre-major: index <c>pre · post_count + post</c>.</summary>
    public float[] Weights(int layer) => weights[layer];

    /// <summary>Feedback matrix of hidden layer <paramref name="hidden"/> (B for DFA/GLSNN, M for OPZO), neuron-major.</summary>
    public float[] Feedback(int hidden) => feedback[hidden];

    /// <inheritdoc/>
    public double? FeedbackAlignment => rule.Rule != LearningRule.Glsnn && rule.Credit is CreditAssignment.Dfa or CreditAssignment.Opzo
        ? Training.FeedbackAlignment.Cosine(feedback[^1], weights[net.Hidden.Count])
        : null;

    /// <summary>Trains on one sample; returns whether the prediction made during training was right.</summary>
    public bool Train(ReadOnlySpan<float> x, int label) =>
        rule.Rule == LearningRule.Glsnn ? TrainGlsnn(x, label) : TrainOttt(x, label);

    /// <summary>Runs the sample without learning and returns the predicted class.</summary>
    public int Predict(ReadOnlySpan<float> x) => Predict(x, []);

    /// <summary>
    /// Runs the sample without learning and returns the predicted class among <paramref name="classes"/> (all classes
    /// when empty): the task-incremental readout of continual learning, which knows the task's classes.
    /// </summary>
    public int Predict(ReadOnlySpan<float> x, ReadOnlySpan<int> classes)
    {
        ResetState();
        ComputeInputCurrent(x);
        bool glsnn = rule.Rule == LearningRule.Glsnn;
        for (int t = 0; t < net.Timesteps; t++)
        {
            Forward(withNoise: false, spikingOutput: glsnn);
        }

        double[] scores = glsnn ? counts[^1].Select(c => (double)c).ToArray() : outputSum;
        if (classes.IsEmpty)
        {
            return Readout.ArgMax(scores);
        }

        int best = classes[0];
        foreach (int c in classes)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    private bool TrainOttt(ReadOnlySpan<float> x, int label)
    {
        ResetState();
        ComputeInputCurrent(x);
        int hidden = net.Hidden.Count;
        int m = net.Outputs;
        bool noisy = rule.Credit is CreditAssignment.Opzo or CreditAssignment.ZerothOrder || rule.ForwardNoise;
        Array.Clear(deltaSumFirst);
        for (int t = 0; t < net.Timesteps; t++)
        {
            Forward(noisy, spikingOutput: false, antithetic: (t & 1) == 1);
            double loss = Loss.Instantaneous(output, label, rule.Gamma, net.Timesteps, error);
            if (rule.Credit == CreditAssignment.Opzo)
            {
                OutputBaseline.EstimateOutput(baseline, output, label, t, estimateOutput);
            }

            // Third factor for the top hidden layer, then (spatial only) down the stack.
            for (int h = hidden - 1; h >= 0; h--)
            {
                float[] g = delta[h];
                int n = net.Hidden[h];
                switch (rule.Credit)
                {
                    case CreditAssignment.Spatial:
                        if (h == hidden - 1)
                        {
                            TransposedProduct(weights[hidden], n, m, error, g);
                        }
                        else
                        {
                            TransposedProduct(weights[h + 1], n, net.Hidden[h + 1], delta[h + 1], g);
                        }

                        break;
                    case CreditAssignment.Dfa:
                        FeedbackProduct(feedback[h], n, m, error, g);
                        break;
                    case CreditAssignment.Opzo:
                        UpdateFeedbackEstimate(feedback[h], noise[h], n, m);
                        FeedbackProduct(feedback[h], n, m, error, g);
                        break;
                    case CreditAssignment.ZerothOrder:
                        float scale = (float)(loss / rule.NoiseScale);
                        TensorPrimitives.Multiply(noise[h], scale, g);
                        break;
                }

                TensorPrimitives.Multiply(g, psi[h], g);
            }

            // Gradients: output layer from the top trace, hidden layers from the layer below's trace.
            AccumulateOuter(gradients[hidden], PreFactor(hidden, traces[hidden - 1]), error);
            for (int h = hidden - 1; h >= 1; h--)
            {
                AccumulateOuter(gradients[h], PreFactor(h, traces[h - 1]), delta[h]);
            }

            TensorPrimitives.Add(deltaSumFirst, delta[0], deltaSumFirst);
            if (rule.Schedule == OtttSchedule.PerTick)
            {
                ApplyFirstLayer(x);
                ApplyAccumulated(fromLayer: 1);
                ComputeInputCurrent(x);
            }
        }

        if (rule.Schedule == OtttSchedule.PerSample)
        {
            ApplyFirstLayer(x);
            ApplyAccumulated(fromLayer: 1);
        }

        return Readout.ArgMax(outputSum) == label;
    }

    private bool TrainGlsnn(ReadOnlySpan<float> x, int label)
    {
        ResetState();
        ComputeInputCurrent(x);
        for (int t = 0; t < net.Timesteps; t++)
        {
            Forward(withNoise: false, spikingOutput: true);
        }

        int layers = sizes.Length - 1;
        int hidden = net.Hidden.Count;
        int m = net.Outputs;
        float invT = 1f / net.Timesteps;
        for (int l = 0; l <= hidden; l++)
        {
            TensorPrimitives.Multiply(counts[l], invT, counts[l]);   // rates r
            TensorPrimitives.Multiply(psiSum[l], invT, psiSum[l]);   // mean surrogate ψ̄
        }

        ratesNormalised = true;

        // Output: ∂C/∂r_L = 2(r_L − y)/m, through its own surrogate.
        float[] outRate = counts[hidden];
        float[] outDelta = delta[hidden];
        var outError = new double[m];
        for (int c = 0; c < m; c++)
        {
            outError[c] = outRate[c] - (c == label ? 1 : 0);
            outDelta[c] = (float)(2 * outError[c] / m) * psiSum[hidden][c];
        }

        // Targets: last hidden by one step through the output weights, the others by random feedback.
        for (int h = hidden - 1; h >= 0; h--)
        {
            int n = net.Hidden[h];
            float[] d = delta[h];
            if (h == hidden - 1)
            {
                TransposedProduct(weights[hidden], n, m, outDelta, d);
                TensorPrimitives.Multiply(d, (float)rule.TargetStep, d);      // r − h̃ = η_t·∂C/∂r
            }
            else
            {
                FeedbackProduct(feedback[h], n, m, outError, d);            // r − h̃ = B·(r_L − y)
            }

            TensorPrimitives.Multiply(d, psiSum[h], d);
        }

        for (int l = 0; l < layers; l++)
        {
            ReadOnlySpan<float> pre = PreFactor(l, l == 0 ? x : counts[l - 1]);
            AccumulateOuter(gradients[l], pre, delta[l]);
        }

        ApplyAccumulated(fromLayer: 0);
        return Readout.ArgMax(outRate.Select(r => (double)r).ToArray()) == label;
    }

    /// <summary>One tick of the forward pass over every layer.</summary>
    /// <remarks>
    /// Node perturbation uses "dual noise": a fresh Rademacher z on even ticks and −z on the next tick, so
    /// consecutive estimates z·õᵀ/α cancel the unperturbed output and keep only the Jacobian term.
    /// </remarks>
    private void Forward(bool withNoise, bool spikingOutput, bool antithetic = false)
    {
        int hidden = net.Hidden.Count;
        float lambda = (float)net.Lambda;
        int top = spikingOutput ? hidden + 1 : hidden;
        for (int l = 0; l < top; l++)
        {
            int n = sizes[l + 1];
            Span<float> vl = v[l];
            TensorPrimitives.Multiply(vl, lambda, vl);
            if (l == 0)
            {
                TensorPrimitives.Add(vl, inputCurrent, vl);
            }
            else
            {
                AddSpikingRows(weights[l], spikes[l - 1], n, vl);
            }

            bool onActivity = rule.NoisePosition == NoisePosition.Activity;
            if (withNoise && onActivity && l > 0)
            {
                AddNoiseRows(weights[l], noise[l - 1], (float)rule.NoiseScale, n, vl);
            }

            if (withNoise && !onActivity && l < hidden)
            {
                DrawNoise(noise[l], antithetic);
                TensorPrimitives.MultiplyAdd(noise[l], (float)rule.NoiseScale, vl, vl);
            }

            Span<float> sl = spikes[l];
            Span<float> pl = psi[l];
            for (int i = 0; i < n; i++)
            {
                float u = vl[i];
                pl[i] = (float)Surrogate.Psi(u - 1, rule.SurrogateAlpha);
                float s = u > 1 ? 1 : 0;
                sl[i] = s;
                vl[i] = u - s;
            }

            if (withNoise && onActivity && l < hidden)
            {
                // The layer's output as its successors see it is s + α·z; its own spikes, traces and ψ stay clean.
                DrawNoise(noise[l], antithetic);
            }

            TensorPrimitives.MultiplyAdd(traces[l], lambda, sl, traces[l]);
            TensorPrimitives.Add(counts[l], sl, counts[l]);
            TensorPrimitives.Add(psiSum[l], pl, psiSum[l]);
        }

        if (!spikingOutput)
        {
            int m = net.Outputs;
            Array.Clear(output);
            float[] w = weights[hidden];
            float[] s = spikes[hidden - 1];
            for (int j = 0; j < s.Length; j++)
            {
                if (s[j] != 0)
                {
                    for (int c = 0; c < m; c++)
                    {
                        output[c] += w[(j * m) + c];
                    }
                }
            }

            if (withNoise && rule.NoisePosition == NoisePosition.Activity)
            {
                float[] z = noise[hidden - 1];
                float alpha = (float)rule.NoiseScale;
                for (int j = 0; j < z.Length; j++)
                {
                    for (int c = 0; c < m; c++)
                    {
                        output[c] += alpha * z[j] * w[(j * m) + c];
                    }
                }
            }

            for (int c = 0; c < m; c++)
            {
                outputSum[c] += output[c];
            }
        }
    }

    /// <summary>Fresh Rademacher noise (±1 from the seeded generator), or the previous tick's negated (antithetic pair).</summary>
    private void DrawNoise(float[] z, bool antithetic)
    {
        if (antithetic)
        {
            TensorPrimitives.Negate(z, z);
            return;
        }

        for (int i = 0; i < z.Length; i++)
        {
            z[i] = rng.Next(2) == 0 ? -1f : 1f;
        }
    }

    /// <summary>target += Σ_j α·z_j·W[j, :] (the noise part of a perturbed presynaptic activity).</summary>
    private static void AddNoiseRows(float[] w, float[] z, float alpha, int n, Span<float> target)
    {
        for (int j = 0; j < z.Length; j++)
        {
            TensorPrimitives.MultiplyAdd(w.AsSpan(j * n, n), alpha * z[j], target, target);
        }
    }

    private void ComputeInputCurrent(ReadOnlySpan<float> x)
    {
        Array.Clear(inputCurrent);
        int n = sizes[1];
        for (int j = 0; j < x.Length; j++)
        {
            if (x[j] != 0)
            {
                TensorPrimitives.MultiplyAdd(weights[0].AsSpan(j * n, n), x[j], inputCurrent, inputCurrent);
            }
        }
    }

    private static void AddSpikingRows(float[] w, float[] pre, int n, Span<float> target)
    {
        for (int j = 0; j < pre.Length; j++)
        {
            if (pre[j] != 0)
            {
                TensorPrimitives.Add(target, w.AsSpan(j * n, n), target);
            }
        }
    }

    /// <summary>g_j = Σ_i W[j, i]·d_i (Wᵀ·d with pre-major storage: a dot product per row).</summary>
    private static void TransposedProduct(float[] w, int pre, int post, ReadOnlySpan<double> d, Span<float> g)
    {
        Span<float> df = stackalloc float[post];
        for (int i = 0; i < post; i++)
        {
            df[i] = (float)d[i];
        }

        TransposedProduct(w, pre, post, df, g);
    }

    private static void TransposedProduct(float[] w, int pre, int post, ReadOnlySpan<float> d, Span<float> g)
    {
        for (int j = 0; j < pre; j++)
        {
            g[j] = TensorPrimitives.Dot(w.AsSpan(j * post, post), d);
        }
    }

    private static void FeedbackProduct(float[] b, int n, int m, ReadOnlySpan<double> e, Span<float> g)
    {
        Span<float> ef = stackalloc float[m];
        for (int c = 0; c < m; c++)
        {
            ef[c] = (float)e[c];
        }

        for (int i = 0; i < n; i++)
        {
            g[i] = TensorPrimitives.Dot(b.AsSpan(i * m, m), ef);
        }
    }

    /// <summary>OPZO: M ← λ_M·M + (1 − λ_M)·z·õᵀ/α (õ − b with the output baseline).</summary>
    private void UpdateFeedbackEstimate(float[] mMatrix, float[] z, int n, int m)
    {
        float keep = (float)rule.FeedbackMomentum;
        float gain = (float)((1 - rule.FeedbackMomentum) / rule.NoiseScale);
        Span<float> o = stackalloc float[m];
        for (int c = 0; c < m; c++)
        {
            o[c] = (float)estimateOutput[c];
        }

        for (int i = 0; i < n; i++)
        {
            Span<float> row = mMatrix.AsSpan(i * m, m);
            TensorPrimitives.Multiply(row, keep, row);
            TensorPrimitives.MultiplyAdd(o, gain * z[i], row, row);
        }
    }

    /// <summary>grad[j, :] += pre_j · d (rank-1, skipping silent presynaptic neurons).</summary>
    private static void AccumulateOuter(float[] grad, ReadOnlySpan<float> pre, ReadOnlySpan<double> d)
    {
        Span<float> df = stackalloc float[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            df[i] = (float)d[i];
        }

        AccumulateOuter(grad, pre, df);
    }

    private static void AccumulateOuter(float[] grad, ReadOnlySpan<float> pre, ReadOnlySpan<float> d)
    {
        int n = d.Length;
        for (int j = 0; j < pre.Length; j++)
        {
            if (pre[j] != 0)
            {
                Span<float> row = grad.AsSpan(j * n, n);
                TensorPrimitives.MultiplyAdd(d, pre[j], row, row);
            }
        }
    }

    /// <summary>The first layer's input trace is the sample itself, so Σ_t δ[t]·xᵀ = (Σ_t δ[t])·xᵀ.</summary>
    private void ApplyFirstLayer(ReadOnlySpan<float> x)
    {
        AccumulateOuter(gradients[0], PreFactor(0, x), deltaSumFirst);
        Array.Clear(deltaSumFirst);
        Apply(0);
    }

    private void ApplyAccumulated(int fromLayer)
    {
        for (int l = fromLayer; l < weights.Length; l++)
        {
            Apply(l);
        }
    }

    private void Apply(int l)
    {
        float eta = (float)(rule.LearningRate * LearningRateScale);
        if (rule.Momentum > 0)
        {
            TensorPrimitives.MultiplyAdd(velocity[l], (float)rule.Momentum, gradients[l], velocity[l]);
            TensorPrimitives.MultiplyAdd(velocity[l], -eta, weights[l], weights[l]);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(gradients[l], -eta, weights[l], weights[l]);
        }

        Array.Clear(gradients[l]);
    }

    private void ResetState()
    {
        foreach (float[][] group in new[] { v, spikes, traces, counts, psiSum })
        {
            foreach (float[] layer in group)
            {
                Array.Clear(layer);
            }
        }

        Array.Clear(outputSum);
        ratesNormalised = false;
    }

    /// <summary>The presynaptic factor of layer <paramref name="layer"/>'s update: <paramref name="pre"/>, or its projection.</summary>
    private ReadOnlySpan<float> PreFactor(int layer, ReadOnlySpan<float> pre)
    {
        if (Projection is null || !Projection.Projects(layer))
        {
            return pre;
        }

        Projection.Project(layer, pre, projected[layer]);
        return projected[layer];
    }

    private float[][] NewLayers(int count) => Enumerable.Range(0, count).Select(l => new float[sizes[l + 1]]).ToArray();

}
