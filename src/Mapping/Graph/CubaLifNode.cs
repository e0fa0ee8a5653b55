namespace NeuroChip.Mapping.Graph;

/// <summary>
/// Current-based LIF:
/// <code>
///   τ_syn·dI/dt = −I + w_in·S         per tick  I ← I + (dt/τ_syn)·(w_in·S − I)
///   τ_mem·dv/dt = (v_leak − v) + R·I  per tick  v ← v + (dt/τ_mem)·(v_leak − v + R·I)   (with the new I)
/// </code>
/// spike when <c>v &gt; v_threshold</c>, then reset. S is the weighted input arriving this tick.
/// </summary>
public sealed record CubaLifNode : NeuronNode
{
    public required FloatTensor TauSyn { get; init; }

    public required FloatTensor TauMem { get; init; }

    public FloatTensor R { get; init; } = FloatTensor.Scalar(1f);

    public FloatTensor VLeak { get; init; } = FloatTensor.Scalar(0f);

    public FloatTensor WIn { get; init; } = FloatTensor.Scalar(1f);

    /// <summary>Initial synaptic current.</summary>
    public FloatTensor IInitial { get; init; } = FloatTensor.Scalar(0f);

    public override string Kind => "cubaLif";

    public override IEnumerable<(string Name, FloatTensor Value)> Parameters =>
        [("tauSyn", TauSyn), ("tauMem", TauMem), ("r", R), ("vLeak", VLeak), ("wIn", WIn), ("iInitial", IInitial), .. CommonParameters()];
}
