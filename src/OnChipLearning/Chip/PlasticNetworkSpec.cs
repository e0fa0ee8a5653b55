using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>A population of a learning image: neurons of one profile, their initial voltage, and the learning state kept per core.</summary>
public sealed record PlasticPopulationSpec(string Name, int Size, NeuronProfile Profile)
{
    /// <summary>Initial v of every neuron, in v-register units.</summary>
    public int InitialV { get; init; }

    /// <summary>Synapse memory the learning rule keeps on every core of the population (e.g. HLOP's sample batch).</summary>
    public long LearningBitsPerCore { get; init; }
}

/// <summary>
/// Dense plastic synapses from <see cref="Source"/> to population <see cref="Target"/>: row j (presynaptic neuron j)
/// holds one mantissa per post neuron, <c>Mantissas[j · Post + i]</c>, every row with <see cref="PlasticScale.Exponent"/>.
/// </summary>
public sealed record PlasticProjectionSpec(string Name, ProjectionSource Source, int Target, int Pre, int Post, short[] Mantissas, PlasticScale Scale)
{
    /// <summary>Learning state beside every synapse (e.g. HLOP's momentum register).</summary>
    public int LearningBitsPerSynapse { get; init; }
}

/// <summary>
/// What a learning network needs of the chip, for the compiler to partition, place, route and check: a spike input
/// port "in" of <see cref="InputSize"/> graded channels, the populations, the plastic projections between them, and
/// the population read out through port "out".
/// </summary>
public sealed record PlasticNetworkSpec(string Description, int InputSize, IReadOnlyList<PlasticPopulationSpec> Populations, IReadOnlyList<PlasticProjectionSpec> Projections, int ReadoutPopulation);
