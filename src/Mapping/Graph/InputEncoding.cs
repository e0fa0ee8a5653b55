namespace NeuroChip.Mapping.Graph;

/// <summary>How the host feeds a graph input to the chip.</summary>
public enum InputEncoding
{
    /// <summary>Events on a spike input port; each channel's spike reaches its synapses.</summary>
    Spikes,

    /// <summary>
    /// Direct (analogue) encoding on a current input port: channel <c>i</c> adds a held current to
    /// neuron <c>i</c> of the population the input feeds, so the input must feed a neuron node directly
    /// (optionally through <see cref="FlattenNode"/>).
    /// </summary>
    Current,
}
