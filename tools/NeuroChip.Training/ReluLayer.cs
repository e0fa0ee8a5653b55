using System.Numerics.Tensors;
using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>y = max(x, 0); dy/dx = 1 where y &gt; 0, else 0.</summary>
internal sealed class ReluLayer(SampleShape shape) : Layer(shape, shape)
{
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> parameters, Span<float> scratch) =>
        TensorPrimitives.Max(x, 0f, y);

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx,
        ReadOnlySpan<float> parameters, Span<float> parameterGradient, Span<float> scratch)
    {
        if (dx.IsEmpty)
        {
            return;
        }

        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }
}
