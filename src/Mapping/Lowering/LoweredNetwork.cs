using NeuroChip.Mapping.Graph;

namespace NeuroChip.Mapping.Lowering;

/// <summary>
/// A spiking graph as populations and projections in float: what the quantiser turns into chip formats.
/// All values are in membrane units; weights and biases already include each target's input gain.
/// </summary>
public sealed record LoweredNetwork
{
    public required IReadOnlyList<LoweredPopulation> Populations { get; init; }

    public required IReadOnlyList<LoweredInput> Inputs { get; init; }

    public required IReadOnlyList<FloatProjection> Projections { get; init; }

    public required IReadOnlyList<LoweredReadout> Readouts { get; init; }
}

/// <summary>
/// A population in float, per tick (the chip's order):
/// <code>
///   u ← u·(1 − DecayU) + Σ w·s          (w includes the gain; DecayU = 1: u is this tick's input)
///   v ← v·(1 − DecayV) + u + Bias
///   spike when v &gt; Threshold; then v ← ResetValue (ToValue) or v ← v − Threshold (Subtract)
/// </code>
/// </summary>
public sealed record LoweredPopulation
{
    public required string Name { get; init; }

    public required string NodeKind { get; init; }

    public required int Size { get; init; }

    public required float[] Threshold { get; init; }

    public required float[] DecayU { get; init; }

    public required float[] DecayV { get; init; }

    public required float[] Bias { get; init; }

    public required float[] ResetValue { get; init; }

    public required float[] InitialV { get; init; }

    public required float[] InitialU { get; init; }

    public required GraphResetMode Reset { get; init; }

    /// <summary>Factor from a graph input value to u (for current input ports).</summary>
    public required float[] InputGain { get; init; }
}

/// <summary>A graph input: a spike port, or a current port feeding population <see cref="CurrentTarget"/> one channel per neuron.</summary>
public sealed record LoweredInput
{
    public required string Name { get; init; }

    public required int Size { get; init; }

    public required InputEncoding Encoding { get; init; }

    /// <summary>For current inputs, the population whose neurons the channels feed; otherwise −1.</summary>
    public int CurrentTarget { get; init; } = -1;
}

/// <summary>A graph Output fed by population <see cref="Population"/>.</summary>
public sealed record LoweredReadout(string Name, int Population);

/// <summary>Float synapses from a source to a target population; <see cref="Weights"/> parallels the layout.</summary>
public sealed record FloatProjection
{
    /// <summary>The graph path, e.g. <c>in → fc1 → hidden</c>.</summary>
    public required string Name { get; init; }

    public required ProjectionSource Source { get; init; }

    public required int TargetPopulation { get; init; }

    public required SynapseLayout Layout { get; init; }

    public required float[] Weights { get; init; }
}
