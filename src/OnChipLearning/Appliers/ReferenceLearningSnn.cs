using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Hlop;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;
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
public sealed partial class ReferenceLearningSnn : ISampleLearner
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

    private float[][] NewLayers(int count) => Enumerable.Range(0, count).Select(l => new float[sizes[l + 1]]).ToArray();
}
