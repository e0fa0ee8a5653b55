using NeuroChip.EventSim;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>
/// A feedback SNN (<see cref="FeedbackSnnSpec"/>) trained on its equilibrium, in float. Weights are pre-major like
/// <see cref="ReferenceLearningSnn"/>'s: F[j·n + i] (input j → hidden i), W[j·n + i] (hidden j → hidden i), R[j·m + c] (readout).
/// <para>IDE (the reference): a* by fixed-point iteration of a ← clamp((W·a + F·x)/c, 0, 1), then
/// β by fixed-point iteration of β ← (D·W)ᵀ·β + g with D = diag(m)/c, m = 1[0 &lt; a* &lt; 1], g = ∂L/∂a* = R·e.</para>
/// <para>SPIDE: a = the hidden neurons' average rates over T forward ticks; β = the average of T_b ternary backward
/// spikes driven by Wᵀ·(m ⊙ s_b)/c + g·scale; both phases' rates and the mask make the local update</para>
/// <code>
///   ∇W[j, i] = (m_i·β_i / c)·a_j      ∇F[j, i] = (m_i·β_i / c)·x_j      ∇R[j, c] = a_j·e_c
/// </code>
/// with e = ∂L/∂o for o = Rᵀ·a and the loss (1 − γ)·CE + γ·MSE (γ = 0.05). The backward phase reads W in reverse,
/// which the chip must offer (ChipSpec.ReverseSynapseAccess).
/// </summary>
public sealed partial class FeedbackSnn : ISampleLearner
{
    private const double Gamma = 0.05;
    private readonly FeedbackSnnSpec net;
    private readonly EquilibriumSpec rule;
    private readonly float[] f;
    private readonly float[] w;
    private readonly float[] r;
    private readonly float[] gradF;
    private readonly float[] gradW;
    private readonly float[] gradR;
    private readonly float[] velF;
    private readonly float[] velW;
    private readonly float[] velR;
    private readonly float[] drive;
    private readonly float[] rates;
    private readonly float[] next;
    private readonly float[] mask;
    private readonly float[] beta;
    private readonly float[] g;
    private readonly float[] u;
    private readonly float[] spikes;
    private readonly float[] scaled;
    private readonly double[] output;
    private readonly double[] error;

    public FeedbackSnn(FeedbackSnnSpec net, EquilibriumSpec rule, float initGain = 1f)
    {
        var errors = net.Validate().Concat(rule.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new UserInputException("Invalid feedback-network setup:\n  " + string.Join("\n  ", errors));
        }

        this.net = net;
        this.rule = rule;
        int n = net.Hidden;
        var rng = new Random(rule.Seed);
        f = Uniform(net.Inputs * n, initGain / MathF.Sqrt(net.Inputs), rng);
        w = Uniform(n * n, initGain / MathF.Sqrt(n), rng);
        r = Uniform(n * net.Outputs, initGain / MathF.Sqrt(n), rng);
        LimitFeedbackNorm();
        gradF = new float[f.Length];
        gradW = new float[w.Length];
        gradR = new float[r.Length];
        velF = new float[rule.Momentum > 0 ? f.Length : 0];
        velW = new float[rule.Momentum > 0 ? w.Length : 0];
        velR = new float[rule.Momentum > 0 ? r.Length : 0];
        drive = new float[n];
        rates = new float[n];
        next = new float[n];
        mask = new float[n];
        beta = new float[n];
        g = new float[n];
        u = new float[n];
        spikes = new float[n];
        scaled = new float[n];
        output = new double[net.Outputs];
        error = new double[net.Outputs];
    }

    public FeedbackSnnSpec Network => net;

    public EquilibriumSpec Rule => rule;

    public double LearningRateScale { get; set; } = 1;

    /// <summary>F, pre-major (input j → hidden i at j·n + i).</summary>
    public float[] Input => f;

    /// <summary>W, pre-major (hidden j → hidden i at j·n + i).</summary>
    public float[] Feedback => w;

    /// <summary>R, pre-major (hidden j → output c at j·m + c).</summary>
    public float[] Readout => r;

    /// <summary>∇W of the last <see cref="ComputeGradients"/> (loss units, scale divided out).</summary>
    public ReadOnlySpan<float> FeedbackGradient => gradW;

    public ReadOnlySpan<float> InputGradient => gradF;

    /// <summary>Hidden rates (SPIDE) or equilibrium (IDE) of the last sample.</summary>
    public ReadOnlySpan<float> Rates => rates;

    /// <summary>β of the last <see cref="ComputeGradients"/> (loss units): IDE's solution or SPIDE's backward rates.</summary>
    public ReadOnlySpan<float> Beta => beta;

    /// <summary>Backward ticks whose β was spent outside the ternary range (a sign the error scale is too large).</summary>
    public long SaturatedBackwardNeurons { get; private set; }

    public bool Train(ReadOnlySpan<float> x, int label)
    {
        int predicted = ComputeGradients(x, label);
        Apply();
        return predicted == label;
    }

    public int Predict(ReadOnlySpan<float> x)
    {
        Settle(x);
        return ReadOut();
    }

    /// <summary>Runs the forward phase and the backward phase of <see cref="Rule"/> and leaves ∇F, ∇W, ∇R in the buffers; returns the prediction.</summary>
    public int ComputeGradients(ReadOnlySpan<float> x, int label)
    {
        Settle(x);
        int predicted = ReadOut();
        Loss.Instantaneous(output, label, Gamma, 1, error);
        int n = net.Hidden;
        int m = net.Outputs;
        double c = net.Reset;

        // g = ∂L/∂a = R·e (row j of R holds hidden j's readout synapses).
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int k = 0; k < m; k++)
            {
                sum += r[(j * m) + k] * error[k];
            }

            g[j] = (float)sum;
        }

        for (int i = 0; i < n; i++)
        {
            mask[i] = rates[i] > 0 && rates[i] < 1 ? 1 : 0;
        }

        if (rule.Rule == LearningRule.Ide)
        {
            SolveBeta();
        }
        else
        {
            SpikingBeta();
        }

        // Post factor (m ⊙ β)/c, then the three outer products.
        for (int i = 0; i < n; i++)
        {
            scaled[i] = (float)(mask[i] * beta[i] / c);
        }

        Outer(gradW, rates, scaled);
        Outer(gradF, x, scaled);
        Span<float> ef = stackalloc float[m];
        for (int k = 0; k < m; k++)
        {
            ef[k] = (float)error[k];
        }

        Outer(gradR, rates, ef);
        return predicted;
    }

    private static float[] Uniform(int count, float bound, Random rng)
    {
        var a = new float[count];
        for (int k = 0; k < a.Length; k++)
        {
            a[k] = (float)((rng.NextDouble() * 2) - 1) * bound;
        }

        return a;
    }
}
