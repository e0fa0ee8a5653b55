using NeuroChip.Data;

namespace NeuroChip.Training;

/// <summary>
/// y[c, oy, ox] = (1/k²)·Σ_{i,j &lt; k} x[c, oy·k + i, ox·k + j]; rows and columns beyond the last full window are
/// ignored (ONNX AveragePool with strides = kernel, no padding, floor mode).
/// </summary>
internal sealed class AveragePoolLayer(SampleShape input, SampleShape output, int kernelSize) : Layer(input, output)
{
    public int KernelSize { get; } = kernelSize;

    public override void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<float> parameters, Span<float> scratch)
    {
        int k = KernelSize, h = Input.Height, w = Input.Width, outH = Output.Height, outW = Output.Width;
        float scale = 1f / (k * k);
        for (int c = 0; c < Input.Channels; c++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    float sum = 0f;
                    for (int i = 0; i < k; i++)
                    {
                        int rowStart = (c * h * w) + (((oy * k) + i) * w) + (ox * k);
                        for (int j = 0; j < k; j++)
                        {
                            sum += x[rowStart + j];
                        }
                    }

                    y[(c * outH * outW) + (oy * outW) + ox] = sum * scale;
                }
            }
        }
    }

    public override void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx,
        ReadOnlySpan<float> parameters, Span<float> parameterGradient, Span<float> scratch)
    {
        if (dx.IsEmpty)
        {
            return;
        }

        int k = KernelSize, h = Input.Height, w = Input.Width, outH = Output.Height, outW = Output.Width;
        float scale = 1f / (k * k);
        dx.Clear();
        for (int c = 0; c < Input.Channels; c++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    float g = dy[(c * outH * outW) + (oy * outW) + ox] * scale;
                    for (int i = 0; i < k; i++)
                    {
                        int rowStart = (c * h * w) + (((oy * k) + i) * w) + (ox * k);
                        dx.Slice(rowStart, k).Fill(g);
                    }
                }
            }
        }
    }
}
