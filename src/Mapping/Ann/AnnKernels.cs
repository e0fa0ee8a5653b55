using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Ann;

/// <summary>Float kernels of the ANN forward pass; each writes its whole output and allocates nothing.</summary>
internal static class AnnKernels
{
    /// <summary>y[o] = Σ_i W[o, i]·x[i] (+ b[o]).</summary>
    public static void Affine(FloatTensor weight, FloatTensor? bias, ReadOnlySpan<float> x, Span<float> y)
    {
        int inputs = weight.Shape[1];
        ReadOnlySpan<float> w = weight.Data;
        for (int o = 0; o < y.Length; o++)
        {
            y[o] = SpanMath.Dot(w.Slice(o * inputs, inputs), x) + (bias is null ? 0f : bias.Data[o]);
        }
    }

    /// <summary>
    /// y[o, i, j] = b[o] + Σ_{c, m, n} W[o, c, m, n]·x[g·Cg + c, s_h·i − p_h + d_h·m, s_w·j − p_w + d_w·n], zero outside;
    /// one weight at a time over a whole output row (vectorised when the column stride is 1).
    /// </summary>
    public static void Conv2d(Conv2dNode node, int[] inputShape, int[] outputShape, ReadOnlySpan<float> x, Span<float> y)
    {
        int h = inputShape[1], w = inputShape[2], outH = outputShape[1], outW = outputShape[2];
        int kh = node.KernelHeight, kw = node.KernelWidth, cg = node.InChannelsPerGroup;
        int outPerGroup = node.OutChannels / node.Groups;
        int sh = node.Stride[0], sw = node.Stride[1], ph = node.Padding[0], pw = node.Padding[1], dh = node.Dilation[0], dw = node.Dilation[1];
        ReadOnlySpan<float> weight = node.Weight.Data;
        for (int o = 0; o < node.OutChannels; o++)
        {
            Span<float> plane = y.Slice(o * outH * outW, outH * outW);
            plane.Fill(node.Bias?.Data[o] ?? 0f);
            int firstChannel = o / outPerGroup * cg;
            for (int c = 0; c < cg; c++)
            {
                ReadOnlySpan<float> input = x.Slice((firstChannel + c) * h * w, h * w);
                for (int m = 0; m < kh; m++)
                {
                    for (int n = 0; n < kw; n++)
                    {
                        float wv = weight[(((o * cg) + c) * kh + m) * kw + n];
                        if (wv == 0f)
                        {
                            continue;
                        }

                        // Output columns j whose input column s_w·j − p_w + d_w·n lies in [0, w).
                        int offset = (dw * n) - pw;
                        int j0 = offset >= 0 ? 0 : (-offset + sw - 1) / sw;
                        int j1 = Math.Min(outW, offset >= w ? 0 : ((w - 1 - offset) / sw) + 1);
                        if (j0 >= j1)
                        {
                            continue;
                        }

                        for (int i = 0; i < outH; i++)
                        {
                            int iy = (sh * i) - ph + (dh * m);
                            if (iy < 0 || iy >= h)
                            {
                                continue;
                            }

                            Span<float> outRow = plane.Slice((i * outW) + j0, j1 - j0);
                            ReadOnlySpan<float> inRow = input.Slice(iy * w, w);
                            if (sw == 1)
                            {
                                SpanMath.MultiplyAdd(inRow.Slice(j0 + offset, j1 - j0), wv, outRow);
                            }
                            else
                            {
                                for (int j = 0; j < outRow.Length; j++)
                                {
                                    outRow[j] += wv * inRow[(sw * (j0 + j)) + offset];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>y[c, i, j] = scale·Σ_{m, n} x[c, s_h·i − p_h + m, s_w·j − p_w + n], zero outside.</summary>
    public static void Pool2d(Pool2dNode node, int[] inputShape, int[] outputShape, ReadOnlySpan<float> x, Span<float> y)
    {
        int channels = inputShape[0], h = inputShape[1], w = inputShape[2], outH = outputShape[1], outW = outputShape[2];
        int kh = node.KernelSize[0], kw = node.KernelSize[1], sh = node.Stride[0], sw = node.Stride[1], ph = node.Padding[0], pw = node.Padding[1];
        float scale = node.WindowScale;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> input = x.Slice(c * h * w, h * w);
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    float sum = 0f;
                    for (int m = 0; m < kh; m++)
                    {
                        int iy = (sh * i) - ph + m;
                        if (iy < 0 || iy >= h)
                        {
                            continue;
                        }

                        for (int n = 0; n < kw; n++)
                        {
                            int ix = (sw * j) - pw + n;
                            if (ix >= 0 && ix < w)
                            {
                                sum += input[(iy * w) + ix];
                            }
                        }
                    }

                    y[(c * outH * outW) + (i * outW) + j] = sum * scale;
                }
            }
        }
    }
}
