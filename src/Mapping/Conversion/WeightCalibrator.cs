using NeuroChip.EventSim;
using NeuroChip.Mapping.Ann;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// Li et al.'s weight calibration for one layer: with x the layer's input built from the real spike rates of the
/// (already calibrated) previous layer, minimise over the last node's weights W
/// <code>
///   L(W) = mean_samples Σ_i ( (θ/T)·clip(floor(T·z_i/θ + s), 0, T) − a_i )²,   z = W·x + b,  s = ½ with the shift, else 0
/// </code>
/// by Adam with a cosine step size, the floor passed straight through and the clip's gradient zero outside [0, T].
/// The new weights are kept only if L on all calibration samples fell.
/// </summary>
internal static class WeightCalibrator
{
    public static (double Before, double After) Calibrate(
        ConversionLayer layer, float[] inputRates, float[] target, int n, int timesteps, bool shifted, ConversionOptions options, int layerIndex)
    {
        GraphNode last = layer.Nodes[^1];
        (float[] weights, int[] inShape) = last switch
        {
            AffineNode a => (a.Weight.Data, new[] { a.Weight.Shape[1] }),
            Conv2dNode { Groups: 1 } c => (c.Weight.Data, InputShapeOfLast(layer)),
            _ => throw new UserInputException(
                $"Layer '{layer.Segment.Name}' ends in '{last.Name}' ({last.Kind}); weight calibration needs the layer to end in an Affine node or an ungrouped Conv2d node."),
        };

        float[] x = LayerInputs(layer, inputRates, n, out int inSize);
        int outSize = layer.Size;
        var z = new float[outSize];
        var g = new float[outSize];
        var grad = new float[weights.Length];
        var m = new double[weights.Length];
        var v = new double[weights.Length];
        float[] original = (float[])weights.Clone();
        double before = Loss(layer, last, inShape, x, target, n, inSize, timesteps, shifted, z);
        double rms = Math.Sqrt(weights.Average(w => (double)w * w));
        double rate = options.WeightCalibrationRate * (rms > 0 ? rms : 1.0);
        int iterations = options.WeightCalibrationIterations;
        int batch = Math.Min(options.WeightCalibrationBatch, n);
        var random = new Random(unchecked((options.Seed * 7919) + layerIndex));
        double threshold = layer.Threshold;
        double shift = shifted ? 0.5 : 0.0;
        for (int it = 0; it < iterations; it++)
        {
            Array.Clear(grad);
            for (int b = 0; b < batch; b++)
            {
                int s = random.Next(n);
                ReadOnlySpan<float> xs = x.AsSpan(s * inSize, inSize);
                Forward(last, inShape, layer.Segment.OutputShape, xs, z);
                ReadOnlySpan<float> a = target.AsSpan(s * outSize, outSize);
                for (int i = 0; i < outSize; i++)
                {
                    double level = (timesteps * z[i] / threshold) + shift;
                    double clipped = Math.Clamp(Math.Floor(level), 0, timesteps);
                    double q = threshold / timesteps * clipped;
                    g[i] = level > 0 && level < timesteps ? (float)(2 * (q - a[i]) / batch) : 0f;
                }

                AccumulateGradient(last, inShape, layer.Segment.OutputShape, xs, g, grad);
            }

            double step = rate * 0.5 * (1 + Math.Cos(Math.PI * it / iterations));
            double correction1 = 1 - Math.Pow(0.9, it + 1), correction2 = 1 - Math.Pow(0.999, it + 1);
            for (int k = 0; k < weights.Length; k++)
            {
                m[k] = (0.9 * m[k]) + (0.1 * grad[k]);
                v[k] = (0.999 * v[k]) + (0.001 * grad[k] * grad[k]);
                weights[k] -= (float)(step * (m[k] / correction1) / (Math.Sqrt(v[k] / correction2) + 1e-12));
            }
        }

        double after = Loss(layer, last, inShape, x, target, n, inSize, timesteps, shifted, z);
        if (!(after < before))
        {
            original.CopyTo(weights, 0);
            after = before;
        }

        return (before, after);
    }

    private static int[] InputShapeOfLast(ConversionLayer layer) =>
        layer.Nodes.Count == 1 ? layer.Segment.InputShape : layer.PrefixPass()!.Shape(layer.Nodes[^2].Name);

    /// <summary>The last node's input for every sample: the nodes before it applied to the spike rates.</summary>
    private static float[] LayerInputs(ConversionLayer layer, float[] rates, int n, out int size)
    {
        AnnForwardPass? prefix = layer.PrefixPass();
        if (prefix is null)
        {
            size = rates.Length / n;
            return rates;
        }

        size = prefix.OutputSize;
        int inSize = prefix.InputSize;
        var result = new float[n * size];
        AnnState state = prefix.CreateState();
        for (int s = 0; s < n; s++)
        {
            prefix.Run(rates.AsSpan(s * inSize, inSize), state);
            state.Output.CopyTo(result.AsSpan(s * size, size));
        }

        return result;
    }

    private static double Loss(ConversionLayer layer, GraphNode last, int[] inShape, float[] x, float[] target, int n, int inSize, int timesteps, bool shifted, float[] z)
    {
        double sum = 0;
        int outSize = z.Length;
        for (int s = 0; s < n; s++)
        {
            Forward(last, inShape, layer.Segment.OutputShape, x.AsSpan(s * inSize, inSize), z);
            for (int i = 0; i < outSize; i++)
            {
                double e = IfRate.Analytic(z[i], layer.Threshold, timesteps, shifted) - target[(s * outSize) + i];
                sum += e * e;
            }
        }

        return sum / n;
    }

    private static void Forward(GraphNode node, int[] inShape, int[] outShape, ReadOnlySpan<float> x, Span<float> z)
    {
        switch (node)
        {
            case AffineNode a:
                AnnKernels.Affine(a.Weight, a.Bias, x, z);
                break;
            case Conv2dNode c:
                AnnKernels.Conv2d(c, inShape, outShape, x, z);
                break;
        }
    }

    /// <summary>grad += ∂(g·z)/∂W: for Affine g·xᵀ; for Conv2d the correlation of g with x.</summary>
    private static void AccumulateGradient(GraphNode node, int[] inShape, int[] outShape, ReadOnlySpan<float> x, ReadOnlySpan<float> g, float[] grad)
    {
        if (node is AffineNode a)
        {
            int inputs = a.Weight.Shape[1];
            for (int o = 0; o < g.Length; o++)
            {
                if (g[o] != 0f)
                {
                    SpanMath.MultiplyAdd(x, g[o], grad.AsSpan(o * inputs, inputs));
                }
            }

            return;
        }

        var c = (Conv2dNode)node;
        int h = inShape[1], w = inShape[2], outH = outShape[1], outW = outShape[2];
        int kh = c.KernelHeight, kw = c.KernelWidth, cin = c.InChannelsPerGroup;
        int sh = c.Stride[0], sw = c.Stride[1], ph = c.Padding[0], pw = c.Padding[1], dh = c.Dilation[0], dw = c.Dilation[1];
        for (int o = 0; o < c.OutChannels; o++)
        {
            ReadOnlySpan<float> plane = g.Slice(o * outH * outW, outH * outW);
            for (int ch = 0; ch < cin; ch++)
            {
                ReadOnlySpan<float> input = x.Slice(ch * h * w, h * w);
                for (int mi = 0; mi < kh; mi++)
                {
                    for (int ni = 0; ni < kw; ni++)
                    {
                        double sum = 0;
                        for (int i = 0; i < outH; i++)
                        {
                            int iy = (sh * i) - ph + (dh * mi);
                            if (iy < 0 || iy >= h)
                            {
                                continue;
                            }

                            for (int j = 0; j < outW; j++)
                            {
                                int ix = (sw * j) - pw + (dw * ni);
                                if (ix >= 0 && ix < w)
                                {
                                    sum += plane[(i * outW) + j] * input[(iy * w) + ix];
                                }
                            }
                        }

                        grad[(((o * cin) + ch) * kh + mi) * kw + ni] += (float)sum;
                    }
                }
            }
        }
    }
}
