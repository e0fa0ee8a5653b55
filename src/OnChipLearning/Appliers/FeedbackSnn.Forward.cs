using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>Forward stage: the free phase settling to the equilibrium, the readout and the dense row products.</summary>
public sealed partial class FeedbackSnn
{
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
}
