namespace NeuroChip.Mapping.Graph;

/// <summary>Affine map <c>y = W·x + b</c> with <c>W</c> of shape [out, in] and <c>b</c> of shape [out].</summary>
public sealed record AffineNode : GraphNode
{
    public required FloatTensor Weight { get; init; }

    public required FloatTensor Bias { get; init; }

    public override string Kind => "affine";

    public override NodeRole Role => NodeRole.Linear;

    public override int[] OutputShape(int[] input)
    {
        (int outputs, int inputs) = MatrixShape.Of(this, Weight);
        RequireConsistent(Bias, "bias");
        if (Bias.Count != outputs)
        {
            throw Invalid($"bias has {Bias.Count} elements but the weight has {outputs} output rows.");
        }

        RequireVector(input, inputs);
        return [outputs];
    }
}
