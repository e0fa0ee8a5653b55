using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>(C, H, W) → (C·H·W, 1, 1): the row-major data is unchanged.</summary>
internal sealed class FlattenLayer(SampleShape input) : Layer(input, new SampleShape(input.Size, 1, 1))
{
    public override void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> parameters, Span<float> scratch) =>
        x.CopyTo(y);

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx,
        ReadOnlySpan<float> parameters, Span<float> parameterGradient, Span<float> scratch)
    {
        if (!dx.IsEmpty)
        {
            dy.CopyTo(dx);
        }
    }
}
