namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Leaky integrate-and-fire: <c>τ·dv/dt = (v_leak − v) + R·I</c>, i.e. per tick
/// <c>v ← v + (dt/τ)·(v_leak − v + R·I)</c>; spike when <c>v &gt; v_threshold</c>, then reset.
/// </summary>
public sealed record LifNode : NeuronNode
{
    public required FloatTensor Tau { get; init; }

    public FloatTensor R { get; init; } = FloatTensor.Scalar(1f);

    public FloatTensor VLeak { get; init; } = FloatTensor.Scalar(0f);

    public override string Kind => "lif";

    public override IEnumerable<(string Name, FloatTensor Value)> Parameters =>
        [("tau", Tau), ("r", R), ("vLeak", VLeak), .. CommonParameters()];
}
