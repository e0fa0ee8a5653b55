namespace NeuroChip.Mapping.Graph;

/// <summary>Elementwise scaling <c>y = s ⊙ x</c>; <c>s</c> has the input's shape or one element.</summary>
public sealed record ScaleNode : GraphNode
{
    public required FloatTensor Scale { get; init; }

    public override string Kind => "scale";

    public override NodeRole Role => NodeRole.Linear;

    public override int[] OutputShape(int[] input)
    {
        RequireBroadcast(Scale, "scale", ShapeMath.Product(input));
        return input;
    }
}
