using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Placement;
using NeuroChip.Mapping.Quantization;
using NeuroChip.Mapping.Routing;

namespace NeuroChip.Mapping;

/// <summary>Everything a compilation produced: the image and the reports about how it was made.</summary>
public sealed record CompilationResult
{
    public required ChipImage Image { get; init; }

    public required QuantizedNetwork Network { get; init; }

    public required QuantizationStats QuantizationStats { get; init; }

    public required PartitionPlan Partition { get; init; }

    /// <summary>Slice i runs on core <c>CoreOfSlice[i]</c>.</summary>
    public required IReadOnlyList<int> CoreOfSlice { get; init; }

    public required UtilisationTable Utilisation { get; init; }

    public required PlacementReport PlacementReport { get; init; }

    public required RoutingPlan Routing { get; init; }

    /// <summary>The route check's outcome, or null when it was not asked for.</summary>
    public RouteCheckReport? RouteCheck { get; init; }
}
