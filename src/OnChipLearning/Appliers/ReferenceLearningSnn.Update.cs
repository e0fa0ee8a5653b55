using System.Numerics.Tensors;

namespace NeuroChip.OnChipLearning.Appliers;

/// <summary>Update stage: presynaptic factors, accumulated outer products and the weight changes.</summary>
public sealed partial class ReferenceLearningSnn
{
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
}
