namespace NeuroChip.Mapping.Graph;

/// <summary>Window geometry shared by the 2-D pooling nodes; input (C, H, W), zero padding.</summary>
public abstract record Pool2dNode : GraphNode
{
    public required int[] KernelSize { get; init; }

    public required int[] Stride { get; init; }

    public int[] Padding { get; init; } = [0, 0];

    public override NodeRole Role => NodeRole.Linear;

    /// <summary>The factor every window sum is multiplied by.</summary>
    public abstract float WindowScale { get; }

    public override int[] OutputShape(int[] input)
    {
        RequirePair(KernelSize, "kernelSize", 1);
        RequirePair(Stride, "stride", 1);
        RequirePair(Padding, "padding", 0);
        if (input.Length != 3)
        {
            throw Invalid($"expects a (C, H, W) input but receives {ShapeMath.Format(input)}.");
        }

        int h = ((input[1] + (2 * Padding[0]) - KernelSize[0]) / Stride[0]) + 1;
        int w = ((input[2] + (2 * Padding[1]) - KernelSize[1]) / Stride[1]) + 1;
        if (h < 1 || w < 1)
        {
            throw Invalid($"the {KernelSize[0]}×{KernelSize[1]} window does not fit the {input[1]}×{input[2]} input.");
        }

        return [input[0], h, w];
    }

    private void RequirePair(int[] pair, string parameter, int min)
    {
        if (pair.Length != 2 || pair[0] < min || pair[1] < min)
        {
            throw Invalid($"{parameter} must be two integers ≥ {min} (height, width) but is [{string.Join(", ", pair)}].");
        }
    }
}

/// <summary>Sum pooling <c>y[c, i, j] = Σ_{m, n} x[c, s_h·i − p_h + m, s_w·j − p_w + n]</c> over a K_h × K_w window.</summary>
public sealed record SumPool2dNode : Pool2dNode
{
    public override string Kind => "sumPool2d";

    public override float WindowScale => 1f;
}

/// <summary>Average pooling: the window sum of <see cref="SumPool2dNode"/> times <c>1 / (K_h·K_w)</c> (padding counts).</summary>
public sealed record AvgPool2dNode : Pool2dNode
{
    public override string Kind => "avgPool2d";

    public override float WindowScale => 1f / (KernelSize[0] * KernelSize[1]);
}
