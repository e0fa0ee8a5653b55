namespace NeuroChip.Mapping.Samples;

/// <summary>
/// The classic CUBA benchmark network (Vogels &amp; Abbott 2005, as in Brian2's example), with one
/// synaptic time constant for both excitation and inhibition because the chip has one current:
/// <code>
///   dV/dt = (I − (V − El)) / τm     (V held for the refractory period after a spike)
///   dI/dt = −I / τs                 I += we (excitatory source) or wi (inhibitory source) per spike
///   V &gt; Vt → spike, V ← Vr
/// </code>
/// Connections are drawn independently with probability <see cref="ConnectionProbability"/>, no self-connections.
/// </summary>
public sealed record CubaSpec
{
    public int NeuronCount { get; init; } = 4000;

    /// <summary>Neurons 0 .. ExcitatoryCount − 1 are excitatory, the rest inhibitory.</summary>
    public int ExcitatoryCount { get; init; } = 3200;

    public double ConnectionProbability { get; init; } = 0.02;

    public double MembraneTimeConstantMs { get; init; } = 20;

    public double SynapticTimeConstantMs { get; init; } = 5;

    public double LeakReversalMv { get; init; } = -49;

    public double ThresholdMv { get; init; } = -50;

    public double ResetMv { get; init; } = -60;

    public double RefractoryMs { get; init; } = 5;

    public double ExcitatoryWeightMv { get; init; } = 1.62;

    public double InhibitoryWeightMv { get; init; } = -9;

    public double TimeStepMs { get; init; } = 0.1;

    /// <summary>Seed of the connectivity and of the initial potentials (uniform in [reset, threshold)).</summary>
    public int Seed { get; init; } = 1234;

    /// <summary>Ticks in one second of model time.</summary>
    public int TicksPerSecond => (int)Math.Round(1000 / TimeStepMs);
}
