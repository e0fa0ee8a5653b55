using System.Numerics.Tensors;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>Credit stage: the backward equilibrium β, solved in float or by ternary spikes, and the loss scale.</summary>
public sealed partial class FeedbackSnn
{
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
}
