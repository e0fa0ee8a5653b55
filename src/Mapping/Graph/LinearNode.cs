namespace NeuroChip.Mapping.Graph;

/// <summary>Linear map <c>y = W·x</c> with <c>W</c> of shape [out, in].</summary>
public sealed record LinearNode : GraphNode
{
    public required FloatTensor Weight { get; init; }

    public override string Kind => "linear";

    public override NodeRole Role => NodeRole.Linear;

    public override int[] OutputShape(int[] input)
    {
        (int outputs, int inputs) = MatrixShape.Of(this, Weight);
        RequireVector(input, inputs);
        return [outputs];
    }
}
