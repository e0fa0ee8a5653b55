namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// A contiguous range of a population's neurons on one core. <see cref="Ordinal"/> is the slice's place in the
/// compiler's partition (population by population, in order); it seeds the core's learning generator, so the
/// numbers learned do not depend on where the placer put the slice.
/// </summary>
public sealed record LayerSlice(int CoreId, int FirstNeuron, int Count, int Ordinal);

/// <summary>One weight layer in chip formats: where its post neurons sit and what one mantissa unit is worth.</summary>
public sealed record PlasticLayer
{
    public required int Index { get; init; }

    public required int Pre { get; init; }

    public required int Post { get; init; }

    public required IReadOnlyList<LayerSlice> Slices { get; init; }

    /// <summary>Exponent of every row of the layer.</summary>
    public required int Exponent { get; init; }

    /// <summary>Float weight (threshold or readout units) of one mantissa unit.</summary>
    public required double Lsb { get; init; }

    /// <summary>Whether the post neurons spike (hidden layers, GLSNN's output) or are a linear readout.</summary>
    public required bool Spiking { get; init; }
}
