using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Service.Jobs;

/// <summary>What a <c>map</c> job measured, written as its <c>report.json</c>: the figures <c>neurochip map</c> prints.</summary>
internal sealed record MapReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Graph { get; init; }

    public required string Chip { get; init; }

    public required int? WeightBits { get; init; }

    public required int Seed { get; init; }

    public required long Neurons { get; init; }

    public required long Synapses { get; init; }

    public required int CoresUsed { get; init; }

    public required int ChipCores { get; init; }

    public required double CompileSeconds { get; init; }

    public required CoreLimits CoreLimits { get; init; }

    public required IReadOnlyList<MapCoreRow> Utilisation { get; init; }

    public required IReadOnlyList<LayerQuantizationStats> Quantisation { get; init; }

    public required MapPlacement Placement { get; init; }

    public required MapRouting Routing { get; init; }

    public static MapReport From(string graph, ChipSpec chip, MapJobSettings settings, CompilationResult result, double seconds) => new()
    {
        Graph = graph,
        Chip = chip.Name,
        WeightBits = settings.WeightBits,
        Seed = settings.Seed,
        Neurons = result.Network.NeuronCount,
        Synapses = result.Network.SynapseCount,
        CoresUsed = result.Image.Cores.Count,
        ChipCores = chip.CoreCount,
        CompileSeconds = seconds,
        CoreLimits = result.Utilisation.Limits,
        Utilisation = [.. result.Utilisation.Rows.Select(r => new MapCoreRow(r.CoreId, r.Label, r.Usage))],
        Quantisation = [.. result.QuantizationStats.Layers.Where(s => s.Count > 0)],
        Placement = new MapPlacement(result.PlacementReport.Cost, result.PlacementReport.NaiveCost, result.PlacementReport.Iterations, result.PlacementReport.Seed),
        Routing = new MapRouting(
            result.Routing.TotalRouteEntries,
            result.Routing.MaxLinkLoad,
            result.RouteCheck?.Passed,
            result.RouteCheck?.SourcesChecked,
            result.RouteCheck?.SynapsesDelivered,
            result.RouteCheck?.PathsChecked),
    };
}

/// <summary>One used core: which slice it holds and how much of each per-core limit that slice takes.</summary>
internal sealed record MapCoreRow(int CoreId, string Label, SliceUsage Usage);

/// <summary>The placement search: its cost (expected packet hops per tick), the cost of the naive placement, iterations and seed.</summary>
internal sealed record MapPlacement(double Cost, double NaiveCost, int Iterations, int Seed);

/// <summary>Routes: total route-table entries, the busiest link's expected packets per tick, and the route check's outcome.</summary>
internal sealed record MapRouting(long TotalRouteEntries, double MaxLinkLoad, bool? RouteCheckPassed, long? SourcesChecked, long? SynapsesDelivered, long? PathsChecked);
