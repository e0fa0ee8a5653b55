using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Lowering;

/// <summary>Expands one linear graph node into explicit (input, output, weight, delay) entries.</summary>
internal static class LinearExpansion
{
    public static SparseOperator Expand(GraphNode node, int[] inputShape, int[] outputShape, double timeStep)
    {
        int inputs = (int)ShapeMath.Product(inputShape);
        int outputs = (int)ShapeMath.Product(outputShape);
        return node switch
        {
            AffineNode a => Matrix(a.Weight, inputs, outputs),
            LinearNode l => Matrix(l.Weight, inputs, outputs),
            FlattenNode => SparseOperator.Identity(inputs),
            ScaleNode s => Diagonal(inputs, i => s.Scale.At(i), _ => 0),
            DelayNode d => Diagonal(inputs, _ => 1f, i => DelayTicks(d, i, timeStep)),
            Conv2dNode c => Convolution(c, inputShape, outputShape),
            Pool2dNode p => Pooling(p, inputShape, outputShape),
            _ => throw new InvalidOperationException($"Node '{node.Name}' ({node.Kind}) is not a linear node."),
        };
    }

    /// <summary>A delay in whole ticks: τ / dt rounded to the nearest tick.</summary>
    public static int DelayTicks(DelayNode node, int index, double timeStep) =>
        (int)Math.Min(int.MaxValue, Math.Round(node.Delay.At(index) / timeStep, MidpointRounding.AwayFromZero));

    private static SparseOperator Matrix(FloatTensor weight, int inputs, int outputs)
    {
        var entries = new List<(int, int, float, int)>();
        for (int i = 0; i < inputs; i++)
        {
            for (int o = 0; o < outputs; o++)
            {
                float w = weight.Data[(o * inputs) + i];
                if (w != 0f)
                {
                    entries.Add((i, o, w, 0));
                }
            }
        }

        return SparseOperator.FromEntries(inputs, outputs, entries);
    }

    private static SparseOperator Diagonal(int size, Func<int, float> weight, Func<int, int> delay)
    {
        var entries = new List<(int, int, float, int)>(size);
        for (int i = 0; i < size; i++)
        {
            entries.Add((i, i, weight(i), delay(i)));
        }

        return SparseOperator.FromEntries(size, size, entries);
    }

    private static SparseOperator Convolution(Conv2dNode c, int[] input, int[] output)
    {
        int inH = input[1], inW = input[2];
        int outC = output[0], outH = output[1], outW = output[2];
        int perGroupIn = c.InChannelsPerGroup;
        int perGroupOut = outC / c.Groups;
        var entries = new List<(int, int, float, int)>();
        for (int o = 0; o < outC; o++)
        {
            int firstIn = o / perGroupOut * perGroupIn;
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    int target = (((o * outH) + i) * outW) + j;
                    for (int ci = 0; ci < perGroupIn; ci++)
                    {
                        for (int m = 0; m < c.KernelHeight; m++)
                        {
                            int y = (c.Stride[0] * i) - c.Padding[0] + (c.Dilation[0] * m);
                            if (y < 0 || y >= inH)
                            {
                                continue;
                            }

                            for (int n = 0; n < c.KernelWidth; n++)
                            {
                                int x = (c.Stride[1] * j) - c.Padding[1] + (c.Dilation[1] * n);
                                float w = c.Weight.Data[(((((o * perGroupIn) + ci) * c.KernelHeight) + m) * c.KernelWidth) + n];
                                if (x < 0 || x >= inW || w == 0f)
                                {
                                    continue;
                                }

                                entries.Add(((((firstIn + ci) * inH) + y) * inW + x, target, w, 0));
                            }
                        }
                    }
                }
            }
        }

        return SparseOperator.FromEntries((int)ShapeMath.Product(input), (int)ShapeMath.Product(output), entries);
    }

    private static SparseOperator Pooling(Pool2dNode p, int[] input, int[] output)
    {
        int inH = input[1], inW = input[2];
        int channels = output[0], outH = output[1], outW = output[2];
        float scale = p.WindowScale;
        var entries = new List<(int, int, float, int)>();
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < outH; i++)
            {
                for (int j = 0; j < outW; j++)
                {
                    int target = (((c * outH) + i) * outW) + j;
                    for (int m = 0; m < p.KernelSize[0]; m++)
                    {
                        int y = (p.Stride[0] * i) - p.Padding[0] + m;
                        for (int n = 0; n < p.KernelSize[1]; n++)
                        {
                            int x = (p.Stride[1] * j) - p.Padding[1] + n;
                            if (y >= 0 && y < inH && x >= 0 && x < inW)
                            {
                                entries.Add(((((c * inH) + y) * inW) + x, target, scale, 0));
                            }
                        }
                    }
                }
            }
        }

        return SparseOperator.FromEntries((int)ShapeMath.Product(input), (int)ShapeMath.Product(output), entries);
    }
}
