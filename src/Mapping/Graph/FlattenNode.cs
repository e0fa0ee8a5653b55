namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Reshape: merges dimensions <see cref="StartDim"/> … <see cref="EndDim"/> (inclusive; negative counts
/// from the end) into one. Dimensions are counted without a batch axis, so the default flattens everything.
/// The flat element order is unchanged.
/// </summary>
public sealed record FlattenNode : GraphNode
{
    public int StartDim { get; init; }

    public int EndDim { get; init; } = -1;

    public override string Kind => "flatten";

    public override NodeRole Role => NodeRole.Linear;

    public override int[] OutputShape(int[] input)
    {
        if (input.Length == 0)
        {
            return [1];
        }

        int start = StartDim < 0 ? input.Length + StartDim : StartDim;
        int end = EndDim < 0 ? input.Length + EndDim : EndDim;
        if (start < 0 || end >= input.Length || start > end)
        {
            throw Invalid($"startDim {StartDim} and endDim {EndDim} do not select dimensions of the input shape {ShapeMath.Format(input)}.");
        }

        var output = new List<int>();
        output.AddRange(input[..start]);
        output.Add((int)ShapeMath.Product(input[start..(end + 1)]));
        output.AddRange(input[(end + 1)..]);
        return [.. output];
    }
}
