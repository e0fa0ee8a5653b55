namespace NeuroChip.Mapping.Partitioning;

/// <summary>Neurons <c>FirstNeuron .. FirstNeuron + NeuronCount − 1</c> of a population, destined for one core.</summary>
public sealed record CoreSlice(int Index, int Population, int FirstNeuron, int NeuronCount)
{
    public int EndNeuron => FirstNeuron + NeuronCount;
}

/// <summary>What one slice takes of a core.</summary>
public sealed record SliceUsage(int Neurons, int Profiles, int FanInAxons, long SynapseBits, int FanOutRoutes, long Synapses);
