namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Transmission delay <c>y_i(t) = x_i(t − τ_i)</c>, τ in the graph's time unit (rounded to whole
/// ticks of <see cref="NetworkGraph.TimeStep"/>); one value or one per element.
/// </summary>
public sealed record DelayNode : GraphNode
{
    public required FloatTensor Delay { get; init; }

    public override string Kind => "delay";

    public override NodeRole Role => NodeRole.Linear;

    public override int[] OutputShape(int[] input)
    {
        RequireBroadcast(Delay, "delay", ShapeMath.Product(input));
        for (int i = 0; i < Delay.Count; i++)
        {
            if (!(Delay.Data[i] >= 0))
            {
                throw Invalid($"delay {i} = {Delay.Data[i]} must be zero or positive.");
            }
        }

        return input;
    }
}
