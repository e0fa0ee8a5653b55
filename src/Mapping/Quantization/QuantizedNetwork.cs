using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;

namespace NeuroChip.Mapping.Quantization;

/// <summary>
/// A network in the chip's number formats: fixed-point populations and integer projections. The
/// chip-independent form of a compiled network: partitioning, placement and routing only move it.
/// </summary>
public sealed record QuantizedNetwork
{
    public required IReadOnlyList<QuantizedPopulation> Populations { get; init; }

    public required IReadOnlyList<QuantizedInput> Inputs { get; init; }

    public required IReadOnlyList<QuantizedProjection> Projections { get; init; }

    public required IReadOnlyList<LoweredReadout> Readouts { get; init; }

    public long SynapseCount => Projections.Sum(p => p.Layout.SynapseCount);

    public long NeuronCount => Populations.Sum(p => (long)p.Size);
}

/// <summary>
/// A population in fixed point: each neuron's profile (decays, threshold, reset) and its bias and
/// initial state, with the semantics of <see cref="NeuronProfile"/>.
/// </summary>
public sealed record QuantizedPopulation
{
    public required string Name { get; init; }

    public required string NodeKind { get; init; }

    public required int Size { get; init; }

    /// <summary>The distinct profiles of the population; neuron i uses <c>Profiles[ProfileIndex[i]]</c>.</summary>
    public required IReadOnlyList<NeuronProfile> Profiles { get; init; }

    public required int[] ProfileIndex { get; init; }

    public required int[] BiasMantissa { get; init; }

    public required int[] BiasExponent { get; init; }

    /// <summary>Initial v in v-register units (membrane units · Scale · 64).</summary>
    public required int[] InitialV { get; init; }

    /// <summary>Initial u in u-register units.</summary>
    public required int[] InitialU { get; init; }

    /// <summary>Synaptic-input (a_in) units per float membrane unit; the threshold is <c>v_threshold · Scale</c>.</summary>
    public required double Scale { get; init; }

    /// <summary>
    /// Synapse memory a learning rule keeps on every core that holds a slice of the population, beside its rows
    /// (e.g. HLOP's batch of presynaptic samples); the partitioner counts it against the core's synapse memory.
    /// </summary>
    public long LearningBitsPerCore { get; init; }
}

/// <summary>A chip input port: spikes, or held currents into population <see cref="CurrentTarget"/>.</summary>
public sealed record QuantizedInput
{
    public required string Name { get; init; }

    public required int Size { get; init; }

    public required InputEncoding Encoding { get; init; }

    public int CurrentTarget { get; init; } = -1;

    /// <summary>For current inputs: a_in units per unit of graph input value, per channel.</summary>
    public double[] CurrentScale { get; init; } = [];
}

/// <summary>
/// Integer synapses: synapse k of source row s adds <c>Mantissas[k] &lt;&lt; RowExponents[s]</c>
/// (times the payload) to its target's input, <see cref="SynapseLayout.DelayAt"/> ticks later.
/// </summary>
public sealed record QuantizedProjection
{
    public required string Name { get; init; }

    public required ProjectionSource Source { get; init; }

    public required int TargetPopulation { get; init; }

    public required SynapseLayout Layout { get; init; }

    public required short[] Mantissas { get; init; }

    /// <summary>Weight exponent per source row (all equal when the chip has one exponent per core).</summary>
    public required sbyte[] RowExponents { get; init; }

    /// <summary>Width of the signed mantissas: 1 to the chip's weight mantissa bits, or to its learning weight bits when <see cref="Plastic"/>.</summary>
    public required int WeightBits { get; init; }

    /// <summary>Weights a learning rule rewrites on the chip: they may be as wide as the chip's learning weights.</summary>
    public bool Plastic { get; init; }

    /// <summary>
    /// Learning state kept beside every synapse (e.g. a momentum register), counted by the partitioner with the
    /// synapse memory of the core that holds the synapse.
    /// </summary>
    public int LearningBitsPerSynapse { get; init; }

    /// <summary>The value synapse <paramref name="index"/> of row <paramref name="source"/> adds to its target's a_in.</summary>
    public int EffectiveWeight(int source, int index) => (int)FixedMath.ShiftByExponent(Mantissas[index], RowExponents[source]);
}
