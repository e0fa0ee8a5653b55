using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Rules;
using NeuroChip.OnChipLearning.Surrogates;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>Forward stage: input current, noise, the spiking layers tick by tick, and the state reset between samples.</summary>
public sealed partial class ReferenceLearningSnn
{
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
}
