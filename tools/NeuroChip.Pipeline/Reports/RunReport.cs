namespace NeuroChip.Pipeline.Reports;

/// <summary>
/// What <c>neurochip run</c> measured, schema-versioned: accuracy against T for the ANN, the float SNN and the
/// chip SNN; per T the chip's spike, synaptic-op, packet and energy counts per inference; for one T the full
/// detail (energy by operation, core and layer, timing, utilisation, quantisation, link loads, a spike raster);
/// every coefficient with its source; and the wall time of every step. Written as <c>report.json</c>.
/// </summary>
public sealed record RunReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required RunSettings Settings { get; init; }

    public required ModelSummary Model { get; init; }

    /// <summary>One row per T, in the order asked for.</summary>
    public required IReadOnlyList<AccuracyRow> Accuracy { get; init; }

    /// <summary>The chip's work per inference at each T, in the order asked for.</summary>
    public required IReadOnlyList<ChipRunSummary> PerTimestep { get; init; }

    /// <summary>Everything measured at <see cref="ChipDetail.Timesteps"/> (the largest T).</summary>
    public required ChipDetail Detail { get; init; }

    /// <summary>Every energy and timing coefficient the report used, with its unit and source.</summary>
    public required IReadOnlyList<CoefficientRow> Coefficients { get; init; }

    /// <summary>Wall time of each step of the run, in the order they ran.</summary>
    public required IReadOnlyList<StepTime> Steps { get; init; }

    public required double TotalWallSeconds { get; init; }
}

/// <summary>What the run was asked to do.</summary>
public sealed record RunSettings
{
    public required string Dataset { get; init; }

    /// <summary>"reference MLP (trained)", "reference CNN (trained)" or the model file's name.</summary>
    public required string ModelSource { get; init; }

    public required string Chip { get; init; }

    public required string Conversion { get; init; }

    public required IReadOnlyList<int> Timesteps { get; init; }

    public required int Threads { get; init; }

    public required int Seed { get; init; }

    public required int TrainSamples { get; init; }

    public required int TestSamples { get; init; }
}

/// <summary>The network before and after conversion.</summary>
public sealed record ModelSummary
{
    /// <summary>Node names and kinds of the imported ANN graph, in order ("fc1 affine").</summary>
    public required IReadOnlyList<string> AnnNodes { get; init; }

    public required double AnnAccuracy { get; init; }

    /// <summary>Multiply-accumulates of one ANN inference (see <see cref="AnnBaseline.MacConvention"/>).</summary>
    public required long AnnMacsPerInference { get; init; }

    public required long ChipNeurons { get; init; }

    public required long ChipSynapses { get; init; }

    public required int CoresUsed { get; init; }

    /// <summary>Per converted layer: threshold, the activation it was balanced on, and the corrections applied.</summary>
    public required IReadOnlyList<ConversionLayerRow> Conversion { get; init; }
}

public sealed record ConversionLayerRow(string Node, double Threshold, double MaxActivation, double BiasCorrection, double PotentialCorrection);

/// <summary>Accuracy on the test samples at one T (the ANN does not depend on T).</summary>
public sealed record AccuracyRow(int Timesteps, double Ann, double FloatSnn, double ChipSnn, int Samples);

/// <summary>The chip's work per inference at one T: counts over the whole test run divided by the number of samples.</summary>
public sealed record ChipRunSummary
{
    public required int Timesteps { get; init; }

    public required int Samples { get; init; }

    public required double SpikesPerInference { get; init; }

    public required double SynapticOpsPerInference { get; init; }

    public required double ActiveUpdatesPerInference { get; init; }

    public required double IdleUpdatesPerInference { get; init; }

    public required double PacketsPerInference { get; init; }

    public required double HopsEastWestPerInference { get; init; }

    public required double HopsNorthSouthPerInference { get; init; }

    public required double DynamicEnergyPerInferencePj { get; init; }

    /// <summary>Static power × the modelled duration of one inference at this T (from the timing replay of the representative sample, scaled by T).</summary>
    public required double StaticEnergyPerInferencePj { get; init; }

    public double EnergyPerInferencePj => DynamicEnergyPerInferencePj + StaticEnergyPerInferencePj;

    /// <summary>Modelled chip time of one inference (timing replay of the representative sample at this T), ns.</summary>
    public required double ChipNsPerInference { get; init; }

    /// <summary>Wall-clock seconds the event engine took per sample on this machine.</summary>
    public required double WallSecondsPerInference { get; init; }
}

/// <summary>One row of a report's coefficient table: <see cref="Kind"/> is "energy", "timing" or "baseline".</summary>
public sealed record CoefficientRow(string Kind, string Key, string Operation, double Value, string Unit, string Source);

/// <summary>Wall time of one pipeline step; <see cref="Detail"/> says what it covered (e.g. "T = 16").</summary>
public sealed record StepTime(string Step, string Detail, double Seconds);
