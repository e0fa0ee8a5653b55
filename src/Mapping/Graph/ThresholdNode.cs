namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Heaviside threshold <c>z = 1 if x &gt; θ else 0</c> on this tick's input (NIR's <c>threshold</c>),
/// held in <see cref="NeuronNode.VThreshold"/>. On a chip it is a neuron with full voltage decay:
/// what is left of a sub-threshold input after one tick is at most 1/4096 of it.
/// </summary>
public sealed record ThresholdNode : NeuronNode
{
    public override string Kind => "threshold";

    public override IEnumerable<(string Name, FloatTensor Value)> Parameters => CommonParameters();
}
