namespace NeuroChip.Mapping.Graph;

/// <summary>Graph entry: <c>y = x</c>, with x supplied by the host on a chip input port named after the node.</summary>
public sealed record InputNode : GraphNode
{
    public required int[] Shape { get; init; }

    public InputEncoding Encoding { get; init; } = InputEncoding.Spikes;

    public override string Kind => "input";

    public override NodeRole Role => NodeRole.Input;

    public override int[]? DeclaredShape => Shape;

    public override int[] OutputShape(int[] input) => Shape;
}
