using System.Numerics.Tensors;
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
public sealed class FeedbackSnn : ISampleLearner
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

    /// <summary>The forward phase: a* by fixed-point iteration (IDE) or average spiking rates over T ticks (SPIDE).</summary>
    private void Settle(ReadOnlySpan<float> x)
    {
        int n = net.Hidden;
        Array.Clear(drive);
        for (int j = 0; j < x.Length; j++)
        {
            if (x[j] != 0)
            {
                TensorPrimitives.MultiplyAdd(f.AsSpan(j * n, n), x[j], drive, drive);
            }
        }

        float c = (float)net.Reset;
        if (rule.Rule == LearningRule.Ide)
        {
            Array.Clear(rates);
            for (int it = 0; it < rule.SolverIterations; it++)
            {
                drive.CopyTo(next, 0);
                Forward(w, rates, n, next);
                TensorPrimitives.Divide(next, c, next);
                TensorPrimitives.Clamp(next, 0f, 1f, rates);
            }

            return;
        }

        // IF neurons, fire at u ≥ V_th, subtract c; the input current F·x is constant, the feedback is last tick's spikes.
        float threshold = (float)net.Threshold;
        Array.Clear(u);
        Array.Clear(spikes);
        Array.Clear(rates);
        for (int t = 0; t < net.Timesteps; t++)
        {
            TensorPrimitives.Add(u, drive, u);
            Forward(w, spikes, n, u);
            for (int i = 0; i < n; i++)
            {
                float s = u[i] >= threshold ? 1 : 0;
                spikes[i] = s;
                u[i] -= s * c;
                rates[i] += s;
            }
        }

        TensorPrimitives.Divide(rates, net.Timesteps, rates);
    }

    /// <summary>IDE: β ← Wᵀ·(m ⊙ β)/c + g, iterated from β = g.</summary>
    private void SolveBeta()
    {
        int n = net.Hidden;
        float c = (float)net.Reset;
        g.CopyTo(beta, 0);
        for (int it = 0; it < rule.SolverIterations; it++)
        {
            TensorPrimitives.Multiply(mask, beta, scaled);
            TensorPrimitives.Divide(scaled, c, scaled);
            for (int j = 0; j < n; j++)
            {
                next[j] = g[j] + TensorPrimitives.Dot(w.AsSpan(j * n, n), scaled);
            }

            next.CopyTo(beta, 0);
        }
    }

    /// <summary>
    /// SPIDE's backward phase: ternary neurons v_b ← v_b + Wᵀ·(m ⊙ s_b)/c + scale·g; s_b = ±c_b at ±V_th_b; v_b ← v_b − s_b;
    /// β = mean(s_b)/scale over T_b ticks.
    /// </summary>
    private void SpikingBeta()
    {
        int n = net.Hidden;
        float c = (float)net.Reset;
        float cb = (float)net.BackwardReset;
        float vth = (float)net.BackwardThreshold;
        float scale = (float)LossScale();
        Array.Clear(u);
        Array.Clear(spikes);
        Array.Clear(beta);
        for (int t = 0; t < net.BackwardTimesteps; t++)
        {
            TensorPrimitives.Multiply(mask, spikes, scaled);
            for (int j = 0; j < n; j++)
            {
                u[j] += (scale * g[j]) + (TensorPrimitives.Dot(w.AsSpan(j * n, n), scaled) / c);
            }

            for (int j = 0; j < n; j++)
            {
                float s = u[j] >= vth ? cb : u[j] <= -vth ? -cb : 0;
                spikes[j] = s;
                u[j] -= s;
                beta[j] += s;
            }
        }

        for (int j = 0; j < n; j++)
        {
            if (Math.Abs(beta[j]) >= cb * net.BackwardTimesteps)
            {
                SaturatedBackwardNeurons++;
            }
        }

        TensorPrimitives.Divide(beta, scale * net.BackwardTimesteps, beta);
    }

    /// <summary>The fixed scale, or the power of two that brings max|g| into (c_b/4, c_b/2].</summary>
    private double LossScale()
    {
        if (rule.LossScale > 0)
        {
            return rule.LossScale;
        }

        // MaxMagnitude returns the signed element of largest magnitude.
        double largest = Math.Abs(TensorPrimitives.MaxMagnitude(g));
        return largest > 0 ? Math.Pow(2, Math.Floor(Math.Log2(net.BackwardReset / 2 / largest))) : 1;
    }

    private int ReadOut()
    {
        int m = net.Outputs;
        Array.Clear(output);
        for (int j = 0; j < net.Hidden; j++)
        {
            if (rates[j] != 0)
            {
                for (int k = 0; k < m; k++)
                {
                    output[k] += rates[j] * r[(j * m) + k];
                }
            }
        }

        return Training.Readout.ArgMax(output);
    }

    private void Apply()
    {
        float eta = (float)(rule.LearningRate * LearningRateScale);
        Step(f, gradF, velF, eta);
        Step(w, gradW, velW, eta);
        Step(r, gradR, velR, eta);
        LimitFeedbackNorm();
    }

    private void Step(float[] weights, float[] grad, float[] velocity, float eta)
    {
        if (rule.WeightDecay > 0)
        {
            TensorPrimitives.MultiplyAdd(weights, (float)rule.WeightDecay, grad, grad);
        }

        if (rule.Momentum > 0)
        {
            TensorPrimitives.MultiplyAdd(velocity, (float)rule.Momentum, grad, velocity);
            TensorPrimitives.MultiplyAdd(velocity, -eta, weights, weights);
        }
        else
        {
            TensorPrimitives.MultiplyAdd(grad, -eta, weights, weights);
        }
    }

    private void LimitFeedbackNorm()
    {
        float norm = TensorPrimitives.Norm(w);
        if (rule.FeedbackNormBound > 0 && norm > rule.FeedbackNormBound)
        {
            TensorPrimitives.Multiply(w, (float)(rule.FeedbackNormBound / norm), w);
        }
    }

    /// <summary>target_i += Σ_j W[j, i]·a_j over the non-zero a_j.</summary>
    private static void Forward(float[] weights, ReadOnlySpan<float> a, int n, Span<float> target)
    {
        for (int j = 0; j < a.Length; j++)
        {
            if (a[j] != 0)
            {
                TensorPrimitives.MultiplyAdd(weights.AsSpan(j * n, n), a[j], target, target);
            }
        }
    }

    /// <summary>grad[j, :] = pre_j · post (overwrites).</summary>
    private static void Outer(float[] grad, ReadOnlySpan<float> pre, ReadOnlySpan<float> post)
    {
        int n = post.Length;
        for (int j = 0; j < pre.Length; j++)
        {
            TensorPrimitives.Multiply(post, pre[j], grad.AsSpan(j * n, n));
        }
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
