namespace NeuroChip.Mapping.Graph;

/// <summary>
/// 2-D convolution over an input (C_in, H, W), PyTorch-style (cross-correlation):
/// <code>
///   y[o, i, j] = b[o] + Σ_{c ∈ group(o)} Σ_{m, n} W[o, c − c0(o), m, n] · x[c, s_h·i − p_h + d_h·m, s_w·j − p_w + d_w·n]
/// </code>
/// with <c>W</c> of shape (C_out, C_in / groups, K_h, K_w), zero padding, and output size
/// <c>⌊(H + 2p − d(K − 1) − 1) / s⌋ + 1</c> per axis.
/// </summary>
public sealed record Conv2dNode : GraphNode
{
    public required FloatTensor Weight { get; init; }

    /// <summary>Per output channel, or null for none.</summary>
    public FloatTensor? Bias { get; init; }

    public int[] Stride { get; init; } = [1, 1];

    public int[] Padding { get; init; } = [0, 0];

    public int[] Dilation { get; init; } = [1, 1];

    public int Groups { get; init; } = 1;

    public override string Kind => "conv2d";

    public override NodeRole Role => NodeRole.Linear;

    public int OutChannels => Weight.Shape[0];

    public int InChannelsPerGroup => Weight.Shape[1];

    public int KernelHeight => Weight.Shape[2];

    public int KernelWidth => Weight.Shape[3];

    public override int[] OutputShape(int[] input)
    {
        if (Weight.Shape.Length != 4)
        {
            throw Invalid($"weight must be 4-D (C_out, C_in/groups, K_h, K_w) but has shape {ShapeMath.Format(Weight.Shape)}.");
        }

        RequireConsistent(Weight, "weight");
        RequirePair(Stride, "stride", 1);
        RequirePair(Padding, "padding", 0);
        RequirePair(Dilation, "dilation", 1);
        if (Groups < 1 || OutChannels % Groups != 0)
        {
            throw Invalid($"groups = {Groups} must be positive and divide the {OutChannels} output channels.");
        }

        if (Bias is not null)
        {
            RequireConsistent(Bias, "bias");
            if (Bias.Count != OutChannels)
            {
                throw Invalid($"bias has {Bias.Count} elements but there are {OutChannels} output channels.");
            }
        }

        if (input.Length != 3)
        {
            throw Invalid($"expects a (C, H, W) input but receives {ShapeMath.Format(input)}.");
        }

        if (input[0] != InChannelsPerGroup * Groups)
        {
            throw Invalid($"expects {InChannelsPerGroup * Groups} input channels ({InChannelsPerGroup} per group × {Groups} groups) but receives {input[0]} (input shape {ShapeMath.Format(input)}).");
        }

        int h = OutputSize(input[1], KernelHeight, 0);
        int w = OutputSize(input[2], KernelWidth, 1);
        if (h < 1 || w < 1)
        {
            throw Invalid($"the {KernelHeight}×{KernelWidth} kernel does not fit the {input[1]}×{input[2]} input with this padding and dilation.");
        }

        return [OutChannels, h, w];
    }

    private int OutputSize(int size, int kernel, int axis) =>
        ((size + (2 * Padding[axis]) - (Dilation[axis] * (kernel - 1)) - 1) / Stride[axis]) + 1;

    private void RequirePair(int[] pair, string parameter, int min)
    {
        if (pair.Length != 2 || pair[0] < min || pair[1] < min)
        {
            throw Invalid($"{parameter} must be two integers ≥ {min} (height, width) but is [{string.Join(", ", pair)}].");
        }
    }
}
