using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Emit;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Placement;
using NeuroChip.Mapping.Quantization;
using NeuroChip.Mapping.Routing;

namespace NeuroChip.Mapping;

/// <summary>
/// The compiler's one entry point: graph → lowered float network → quantised network → slices →
/// placement → routes → <see cref="ChipImage"/>. Every stage is also callable on its own.
/// </summary>
public static class Compiler
{
    public static CompilationResult Compile(NetworkGraph graph, ChipSpec chip, CompilerOptions? options = null)
    {
        options ??= new CompilerOptions();
        LoweredNetwork lowered = Lowerer.Lower(graph);
        (QuantizedNetwork network, QuantizationStats stats) = Quantizer.Quantize(lowered, chip.Formats, options.Quantization);
        return Compile(network, stats, chip, options);
    }

    /// <summary>Compiles an already quantised network (e.g. one built by hand or by a learning rule).</summary>
    public static CompilationResult Compile(QuantizedNetwork network, QuantizationStats stats, ChipSpec chip, CompilerOptions? options = null)
    {
        options ??= new CompilerOptions();
        PartitionPlan plan = Partitioner.Partition(network, chip);
        double[] rates = network.Populations.Select(p => options.FiringRates.GetValueOrDefault(p.Name, 1.0)).ToArray();
        var mesh = new MeshTopology(chip.Mesh);
        SlicePlacement placement = Placer.Place(SliceTraffic.Build(network, plan, rates), mesh, options.Placement);
        RoutingPlan routing = Router.Route(network, plan, placement.CoreOfSlice, chip, rates);
        ChipImage image = ImageEmitter.Emit(network, plan, placement.CoreOfSlice, routing, chip);
        RouteCheckReport? check = null;
        if (options.VerifyRoutes)
        {
            check = RouteChecker.Check(image, network, plan, placement.CoreOfSlice);
            if (!check.Passed)
            {
                throw new InvalidOperationException("The emitted image does not deliver the network's synapses:\n  " + string.Join("\n  ", check.Errors));
            }
        }

        return new CompilationResult
        {
            Image = image,
            Network = network,
            QuantizationStats = stats,
            Partition = plan,
            CoreOfSlice = placement.CoreOfSlice,
            Utilisation = UtilisationTable.Build(plan, network.Populations.Select(p => p.Name).ToList(), placement.CoreOfSlice, chip.Core),
            PlacementReport = placement.Report,
            Routing = routing,
            RouteCheck = check,
        };
    }
}
