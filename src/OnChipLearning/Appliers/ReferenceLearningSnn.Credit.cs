using System.Numerics.Tensors;
using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>Credit stage: each layer's learning signal through the credit path (transpose, random or momentum feedback).</summary>
public sealed partial class ReferenceLearningSnn
{
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
}
