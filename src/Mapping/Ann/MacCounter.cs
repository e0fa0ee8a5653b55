using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Ann;

/// <summary>Multiply-accumulates of one ANN inference, counted node by node.</summary>
public static class MacCounter
{
    public const string Convention =
        "MACs count one per (weight, input) pair an ANN inference multiplies: Affine/Linear out × in; Conv2d per output element the kernel taps that fall inside the input (padding skipped); average/sum pooling one per window input; biases, ReLU and Flatten none";

    public static long Count(NetworkGraph ann)
    {
        AnnForwardPass pass = AnnForwardPass.Create(ann);
        long macs = 0;
        foreach (GraphNode node in ann.Nodes)
        {
            string? source = ann.Predecessors(node.Name).FirstOrDefault();
            int[] input = source is null ? [] : pass.Shape(source);
            macs += node switch
            {
                AffineNode a => a.Weight.Count,
                LinearNode l => l.Weight.Count,
                Conv2dNode c => ConvMacs(c, input, pass.Shape(c.Name)),
                Pool2dNode p => PoolMacs(p, input, pass.Shape(p.Name)),
                _ => 0,
            };
        }

        return macs;
    }

    private static long ConvMacs(Conv2dNode c, int[] input, int[] output)
    {
        long taps = 0;
        for (int i = 0; i < output[1]; i++)
        {
            for (int j = 0; j < output[2]; j++)
            {
                taps += Inside(i, c.Stride[0], c.Padding[0], c.Dilation[0], c.KernelHeight, input[1])
                    * Inside(j, c.Stride[1], c.Padding[1], c.Dilation[1], c.KernelWidth, input[2]);
            }
        }

        return taps * c.OutChannels * c.InChannelsPerGroup;
    }

    private static long PoolMacs(Pool2dNode p, int[] input, int[] output)
    {
        long taps = 0;
        for (int i = 0; i < output[1]; i++)
        {
            for (int j = 0; j < output[2]; j++)
            {
                taps += Inside(i, p.Stride[0], p.Padding[0], 1, p.KernelSize[0], input[1]) * Inside(j, p.Stride[1], p.Padding[1], 1, p.KernelSize[1], input[2]);
            }
        }

        return taps * output[0];
    }

    /// <summary>Kernel positions m in [0, k) with stride·o − pad + dilation·m inside [0, size).</summary>
    private static long Inside(int o, int stride, int pad, int dilation, int k, int size)
    {
        long count = 0;
        for (int m = 0; m < k; m++)
        {
            int x = (stride * o) - pad + (dilation * m);
            if (x >= 0 && x < size)
            {
                count++;
            }
        }

        return count;
    }
}
