using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Pipeline.Reports;

/// <summary>Everything the report shows about the chip at one T (the largest asked for).</summary>
public sealed record ChipDetail
{
    public required int Timesteps { get; init; }

    public required int Samples { get; init; }

    /// <summary>Energy of one inference by operation: count per inference × labelled coefficient.</summary>
    public required IReadOnlyList<EnergyRow> EnergyByOperation { get; init; }

    /// <summary>Dynamic energy of one inference on each used core.</summary>
    public required IReadOnlyList<CoreEnergyRow> EnergyByCore { get; init; }

    /// <summary>Dynamic energy of one inference per layer (sum over the layer's cores).</summary>
    public required IReadOnlyList<LayerEnergyRow> EnergyByLayer { get; init; }

    public required double DynamicEnergyPerInferencePj { get; init; }

    public required double StaticEnergyPerInferencePj { get; init; }

    public required AnnBaseline Baseline { get; init; }

    public required TimingSummary Timing { get; init; }

    public required UtilisationSummary Utilisation { get; init; }

    public required IReadOnlyList<LayerQuantizationStats> Quantisation { get; init; }

    public required PlacementSummary Placement { get; init; }

    public required LinkLoadMap LinkLoad { get; init; }

    /// <summary>Spikes and firing rate per layer, per inference, over all test samples.</summary>
    public required IReadOnlyList<LayerActivity> Layers { get; init; }

    public required SpikeRaster Raster { get; init; }
}

/// <summary>One operation's energy per inference.</summary>
public sealed record EnergyRow(string Key, string Operation, double CountPerInference, string CountUnit, double Coefficient, string CoefficientUnit, string Source, double EnergyPj);

public sealed record CoreEnergyRow(int CoreId, string Label, string Layer, double EnergyPj);

public sealed record LayerEnergyRow(string Layer, int Cores, double EnergyPj);

/// <summary>
/// The baseline SNN papers compare against (Horowitz, ISSCC 2014, 45 nm): an ANN inference costs its MACs ×
/// 4.6 pJ (32-bit float multiply 3.7 pJ + add 0.9 pJ), an SNN inference its accumulates (synaptic ops) × 0.9 pJ.
/// </summary>
public sealed record AnnBaseline
{
    public const double MacPj = 4.6;
    public const double AcPj = 0.9;
    public const string Convention = "Horowitz 45 nm convention (ISSCC 2014): 32-bit float MAC 4.6 pJ (mult 3.7 + add 0.9), accumulate 0.9 pJ";

    public required long MacsPerInference { get; init; }

    public double MacEnergyPj { get; init; } = MacPj;

    public required double AnnEnergyPerInferencePj { get; init; }

    /// <summary>Synaptic ops of one chip inference, each priced as one accumulate.</summary>
    public required double AcsPerInference { get; init; }

    public double AcEnergyPj { get; init; } = AcPj;

    public required double SnnAcEnergyPerInferencePj { get; init; }

    public string Label { get; init; } = Convention;

    public required string MacConvention { get; init; }
}

/// <summary>The timing replay of one representative inference (test sample <see cref="Sample"/>).</summary>
public sealed record TimingSummary
{
    public required int Sample { get; init; }

    public required int Ticks { get; init; }

    public required double InferenceNs { get; init; }

    public required double MeanTickNs { get; init; }

    public required double MaxTickNs { get; init; }

    public required int SlowestTick { get; init; }

    public required int CriticalCore { get; init; }

    public required string CriticalCoreLabel { get; init; }

    public required int CriticalCoreTicks { get; init; }

    public required int CriticalLink { get; init; }

    public required string CriticalLinkDescription { get; init; }

    public required int NetworkBoundTicks { get; init; }

    public required double[] TickNs { get; init; }
}

/// <summary>Per used core, what it takes of each limit (from the compiler's partition).</summary>
public sealed record UtilisationSummary
{
    public required int MaxNeurons { get; init; }

    public required int MaxNeuronProfiles { get; init; }

    public required int MaxFanInAxons { get; init; }

    public required long SynapseMemoryBits { get; init; }

    public required int MaxFanOutRoutes { get; init; }

    public required IReadOnlyList<CoreUtilisationRow> Cores { get; init; }
}

public sealed record CoreUtilisationRow(int CoreId, string Label, int Neurons, int Profiles, int FanInAxons, long SynapseBits, int FanOutRoutes, long Synapses);

public sealed record PlacementSummary(double Cost, double NaiveCost, double Improvement, int Seed, long RouteEntries);

/// <summary>
/// Packets per inference on every directed mesh link: link id = tile · 4 + direction (east, west, north, south),
/// tile = y · TilesX + x.
/// </summary>
public sealed record LinkLoadMap(int TilesX, int TilesY, double[] PacketsPerInference);

/// <summary>A layer's spikes per inference and its firing rate (spikes per neuron per tick).</summary>
public sealed record LayerActivity(string Layer, int Neurons, double SpikesPerInference, double FiringRate);

/// <summary>
/// Every spike of one test sample: tick <c>Tick[i]</c>, layer <c>Layer[i]</c> (index into <see cref="LayerNames"/>)
/// and neuron <c>Neuron[i]</c> within the layer.
/// </summary>
public sealed record SpikeRaster
{
    public required int Sample { get; init; }

    public required int Label { get; init; }

    public required int Ticks { get; init; }

    public required IReadOnlyList<string> LayerNames { get; init; }

    public required int[] LayerSizes { get; init; }

    public required int[] Tick { get; init; }

    public required int[] Layer { get; init; }

    public required int[] Neuron { get; init; }
}
