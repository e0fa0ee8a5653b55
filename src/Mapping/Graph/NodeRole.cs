namespace NeuroChip.Mapping.Graph;

/// <summary>What a node is on a chip.</summary>
public enum NodeRole
{
    /// <summary>A graph entry: becomes a chip input port.</summary>
    Input,

    /// <summary>A graph exit: becomes a readout port of the population that feeds it.</summary>
    Output,

    /// <summary>A stateless linear map (weights, pooling, reshaping, delays): becomes synapses.</summary>
    Linear,

    /// <summary>A stateful spiking population: becomes neurons.</summary>
    Neuron,

    /// <summary>An ANN activation (ReLU): has no spiking form until the graph is converted.</summary>
    Activation,
}
