namespace NeuroChip.Mapping.Graph;

/// <summary>
/// ANN activation <c>y = max(0, x)</c>. It has no spiking form: convert the graph (ReLU → IF with
/// subtract reset) before compiling it for a chip.
/// </summary>
public sealed record ReluNode : GraphNode
{
    public override string Kind => "relu";

    public override NodeRole Role => NodeRole.Activation;

    public override int[] OutputShape(int[] input) => input;
}
