namespace NeuroChip.Mapping.Graph;

/// <summary>Graph exit: <c>y = x</c>; the spiking node feeding it becomes a readout port named after this node.</summary>
public sealed record OutputNode : GraphNode
{
    /// <summary>Optional declared shape; when given, the input must match it.</summary>
    public int[]? Shape { get; init; }

    public override string Kind => "output";

    public override NodeRole Role => NodeRole.Output;

    public override int[]? DeclaredShape => Shape;

    public override int[] OutputShape(int[] input) => input;
}
