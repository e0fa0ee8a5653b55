namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Integrate-and-fire: <c>dv/dt = R·I</c>, i.e. per tick <c>v ← v + dt·R·I</c>; spike when
/// <c>v &gt; v_threshold</c>, then reset.
/// </summary>
public sealed record IfNode : NeuronNode
{
    public FloatTensor R { get; init; } = FloatTensor.Scalar(1f);

    public override string Kind => "if";

    public override IEnumerable<(string Name, FloatTensor Value)> Parameters => [("r", R), .. CommonParameters()];
}
