using NeuroChip.EventSim.Model;

namespace NeuroChip.Mapping.Routing;

/// <summary>
/// Fan-in axons and fan-out routes of a placed network. Slice b's axon i carries source row
/// <c>AxonSource[b][i]</c> of projection <c>AxonProjection[b][i]</c>; slice a's route table sends each of
/// its neurons' spikes to every (core, axon) that carries that neuron's row.
/// </summary>
public sealed record RoutingPlan
{
    public required IReadOnlyList<int[]> AxonProjection { get; init; }

    public required IReadOnlyList<int[]> AxonSource { get; init; }

    /// <summary>Route table of each slice's core, in slice order.</summary>
    public required IReadOnlyList<RouteTable> SliceRoutes { get; init; }

    /// <summary>Per graph input, its spike port's channel table (empty for current inputs).</summary>
    public required IReadOnlyList<RouteTable> InputRoutes { get; init; }

    /// <summary>Expected packets per tick on every mesh link (<see cref="MeshTopology.LinkId"/>) under dimension-order routing.</summary>
    public required double[] LinkLoad { get; init; }

    /// <summary>Route entries of all cores together.</summary>
    public long TotalRouteEntries => SliceRoutes.Sum(r => (long)r.EntryCount);

    public double MaxLinkLoad => LinkLoad.Length == 0 ? 0 : LinkLoad.Max();
}
