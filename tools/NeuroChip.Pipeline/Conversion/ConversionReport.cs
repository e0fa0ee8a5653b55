using NeuroChip.Mapping.Conversion;

namespace NeuroChip.Pipeline.Conversion;

/// <summary>The accuracy-against-T table of a conversion experiment, written as JSON.</summary>
public sealed record ConversionReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Dataset { get; init; }

    public required string Model { get; init; }

    public required string Chip { get; init; }

    public int? WeightBits { get; init; }

    public required int TestSamples { get; init; }

    public required int CalibrationSamples { get; init; }

    public required double AnnAccuracy { get; init; }

    /// <summary>MACs per ANN inference (one per weight use), for the usual ANN energy baseline.</summary>
    public required long AnnMacsPerInference { get; init; }

    public required IReadOnlyList<ConversionRow> Rows { get; init; }

    /// <summary>True once every (method, T) row is in; false in the file written after each row of a run still going.</summary>
    public bool Complete { get; init; }
}

/// <summary>
/// One (method, T): float SNN and chip SNN accuracy, synaptic ops and dynamic energy per inference on the chip, the
/// ticks an inference takes, wall-clock seconds per inference, and the conversion's per-layer statistics.
/// </summary>
public sealed record ConversionRow
{
    public required string Method { get; init; }

    public required int Timesteps { get; init; }

    public required int TicksPerInference { get; init; }

    public double? FloatSnnAccuracy { get; init; }

    public required double ChipAccuracy { get; init; }

    public required double SynapticOpsPerInference { get; init; }

    public required double SpikesPerInference { get; init; }

    public required double EnergyPerInferencePj { get; init; }

    public required double ChipSecondsPerInference { get; init; }

    public required double ConvertSeconds { get; init; }

    public required int Cores { get; init; }

    public required IReadOnlyList<LayerConversionStats> Layers { get; init; }
}
