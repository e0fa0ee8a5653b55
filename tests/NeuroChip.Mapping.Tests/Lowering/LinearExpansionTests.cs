namespace NeuroChip.Mapping.Tests.Lowering;

/// <summary>
/// Convolution and pooling expanded into synapses, pinned on a 1-channel 3×3 input whose pixels are numbered row-major:
/// <code>
///   0 1 2
///   3 4 5
///   6 7 8
/// </code>
/// Kernels are 2×2 with distinct weights k[m][n] = (1 2 / 3 4), so each synapse's weight names the kernel tap that made
/// it. Output (i, j) reads input (s·i − p + m, s·j − p + n) for stride s and padding p; outputs are numbered row-major.
/// Every expected triple below is (input pixel, output, weight), worked out from that rule by hand.
/// </summary>
public sealed class LinearExpansionTests
{
    private static readonly int[] Input = [1, 3, 3];

    private static Conv2dNode Conv(int stride, int padding) => new()
    {
        Name = "conv",
        Weight = FloatTensor.Of([1f, 2f, 3f, 4f], 1, 1, 2, 2),
        Bias = FloatTensor.Filled(0f, 1),
        Stride = [stride, stride],
        Padding = [padding, padding],
    };

    private static List<(int Input, int Output, float Weight)> Synapses(GraphNode node, int[] input, out int[] output)
    {
        output = node.OutputShape(input);
        SparseOperator op = LinearExpansion.Expand(node, input, output, timeStep: 1.0);
        var triples = new List<(int, int, float)>();
        for (int i = 0; i < op.Inputs; i++)
        {
            for (int k = op.Offsets[i]; k < op.Offsets[i + 1]; k++)
            {
                Assert.Equal(0, op.Delays[k]);
                triples.Add((i, op.Columns[k], op.Values[k]));
            }
        }

        return triples;
    }

    [Fact]
    public void Expand_Conv2x2Stride1NoPadding_SixteenSynapsesOfTheFourWindows()
    {
        // Output 2×2 ((3 − 2)/1 + 1 = 2). Output (i, j) reads pixels (i + m, j + n):
        //   out 0 (0,0): 0·1, 1·2, 3·3, 4·4      out 1 (0,1): 1·1, 2·2, 4·3, 5·4
        //   out 2 (1,0): 3·1, 4·2, 6·3, 7·4      out 3 (1,1): 4·1, 5·2, 7·3, 8·4
        (int, int, float)[] expected =
        [
            (0, 0, 1), (1, 0, 2), (3, 0, 3), (4, 0, 4),
            (1, 1, 1), (2, 1, 2), (4, 1, 3), (5, 1, 4),
            (3, 2, 1), (4, 2, 2), (6, 2, 3), (7, 2, 4),
            (4, 3, 1), (5, 3, 2), (7, 3, 3), (8, 3, 4),
        ];
        List<(int, int, float)> got = Synapses(Conv(1, 0), Input, out int[] output);
        Assert.Equal([1, 2, 2], output);
        Assert.Equal(expected.Order(), got.Order());
    }

    [Fact]
    public void Expand_Conv2x2Stride2Padding1_NineSynapsesPaddingTapsDropped()
    {
        // Output 2×2 (floor((3 + 2 − 2)/2) + 1 = 2). Output (i, j) reads (2i − 1 + m, 2j − 1 + n); taps on the padding
        // (row or column −1) make no synapse:
        //   out 0 (0,0): rows −1,0 × cols −1,0 → only pixel 0 through k[1][1] = 4
        //   out 1 (0,1): rows −1,0 × cols 1,2  → pixel 1 by k[1][0] = 3, pixel 2 by k[1][1] = 4
        //   out 2 (1,0): rows 1,2 × cols −1,0  → pixel 3 by k[0][1] = 2, pixel 6 by k[1][1] = 4
        //   out 3 (1,1): rows 1,2 × cols 1,2   → pixels 4, 5, 7, 8 by 1, 2, 3, 4
        (int, int, float)[] expected =
        [
            (0, 0, 4),
            (1, 1, 3), (2, 1, 4),
            (3, 2, 2), (6, 2, 4),
            (4, 3, 1), (5, 3, 2), (7, 3, 3), (8, 3, 4),
        ];
        List<(int, int, float)> got = Synapses(Conv(2, 1), Input, out int[] output);
        Assert.Equal([1, 2, 2], output);
        Assert.Equal(expected.Order(), got.Order());
    }

    [Fact]
    public void Expand_Conv2x2Stride1Padding1_EveryPixelMeetsEveryTapOnce()
    {
        // Output 4×4 ((3 + 2 − 2)/1 + 1 = 4). Pixel (y, x) is read by tap (m, n) from output (y + 1 − m, x + 1 − n),
        // always inside 0..3, so there are 9 · 4 = 36 synapses and each pixel has exactly the four weights 1, 2, 3, 4.
        // Corners: output 0 = (0,0) reads only pixel 0 through k[1][1] = 4; output 15 = (3,3) only pixel 8 through
        // k[0][0] = 1; output 5 = (1,1) is the unpadded output 0: pixels 0, 1, 3, 4 by 1, 2, 3, 4.
        List<(int Input, int Output, float Weight)> got = Synapses(Conv(1, 1), Input, out int[] output);
        Assert.Equal([1, 4, 4], output);
        Assert.Equal(36, got.Count);
        for (int pixel = 0; pixel < 9; pixel++)
        {
            Assert.Equal([1f, 2f, 3f, 4f], got.Where(t => t.Input == pixel).Select(t => t.Weight).Order());
        }

        Assert.Equal([(0, 0, 4f)], got.Where(t => t.Output == 0));
        Assert.Equal([(8, 15, 1f)], got.Where(t => t.Output == 15));
        Assert.Equal([(0, 5, 1f), (1, 5, 2f), (3, 5, 3f), (4, 5, 4f)], got.Where(t => t.Output == 5).Order());
    }

    [Fact]
    public void Expand_SumPool2x2Stride2NoPadding_OneWindowOfFourOnes()
    {
        // Output 1×1 ((3 − 2)/2 + 1 = 1): pixels 0, 1, 3, 4, each with weight 1; row 2 and column 2 are never read.
        List<(int, int, float)> got = Synapses(new SumPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2] }, Input, out int[] output);
        Assert.Equal([1, 1, 1], output);
        Assert.Equal([(0, 0, 1f), (1, 0, 1f), (3, 0, 1f), (4, 0, 1f)], got.Order());
    }

    [Fact]
    public void Expand_AvgPool2x2Stride2Padding1_WindowsOfOneTwoTwoFourAtAQuarter()
    {
        // Output 2×2 (floor((3 + 2 − 2)/2) + 1 = 2). Output (i, j) covers rows 2i − 1..2i and columns 2j − 1..2j:
        //   out 0: pixel 0; out 1: pixels 1, 2; out 2: pixels 3, 6; out 3: pixels 4, 5, 7, 8.
        // Average pooling counts the padding, so every weight is 1/(2·2) = 0.25.
        List<(int, int, float)> got = Synapses(
            new AvgPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2], Padding = [1, 1] }, Input, out int[] output);
        Assert.Equal([1, 2, 2], output);
        (int, int, float)[] expected =
        [
            (0, 0, 0.25f),
            (1, 1, 0.25f), (2, 1, 0.25f),
            (3, 2, 0.25f), (6, 2, 0.25f),
            (4, 3, 0.25f), (5, 3, 0.25f), (7, 3, 0.25f), (8, 3, 0.25f),
        ];
        Assert.Equal(expected.Order(), got.Order());
    }

    [Fact]
    public void Expand_SumPoolTwoChannels_EachChannelPoolsOnlyItsOwnPlane()
    {
        // Input 2×2×2: channel c holds pixels 4c..4c+3. A 2×2 window of stride 2 gives output c = sum of its plane.
        List<(int, int, float)> got = Synapses(new SumPool2dNode { Name = "pool", KernelSize = [2, 2], Stride = [2, 2] }, [2, 2, 2], out int[] output);
        Assert.Equal([2, 1, 1], output);
        Assert.Equal([(0, 0, 1f), (1, 0, 1f), (2, 0, 1f), (3, 0, 1f), (4, 1, 1f), (5, 1, 1f), (6, 1, 1f), (7, 1, 1f)], got.Order());
    }

    [Fact]
    public void Expand_ConvTwoInputChannels1x1Kernel_SumsTheChannelsPixelByPixel()
    {
        // Weight shape [1, 2, 1, 1] = (5, 7) on a 2×2×2 input: output pixel q = 5·(channel 0, q) + 7·(channel 1, q), i.e.
        // synapses (q, q, 5) and (4 + q, q, 7) for q = 0..3.
        var conv = new Conv2dNode { Name = "mix", Weight = FloatTensor.Of([5f, 7f], 1, 2, 1, 1), Bias = FloatTensor.Filled(0f, 1) };
        List<(int, int, float)> got = Synapses(conv, [2, 2, 2], out int[] output);
        Assert.Equal([1, 2, 2], output);
        Assert.Equal([(0, 0, 5f), (1, 1, 5f), (2, 2, 5f), (3, 3, 5f), (4, 0, 7f), (5, 1, 7f), (6, 2, 7f), (7, 3, 7f)], got.Order());
    }
}
