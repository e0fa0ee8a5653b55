using System.Diagnostics;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;

namespace NeuroChip.Benchmarks.Mapping;

/// <summary>
/// Compile time and peak memory for a 1 M and a 100 M synapse network, and placement cost against the
/// naive row-major placement on a 4-layer network over 32 cores. One timed compile per size (a 100 M
/// compile is far too long for repeated BenchmarkDotNet runs; <see cref="CompileBenchmarks"/> covers
/// the small sizes statistically). Arguments: <c>1m</c>, <c>100m</c>, <c>placement</c>, or none for all.
/// </summary>
public static class MappingScaleBenchmark
{
    public static int Run(string[] args)
    {
        var modes = args.Length == 0 ? ["1m", "100m", "placement"] : args.Select(a => a.ToLowerInvariant()).ToArray();
        foreach (string mode in modes)
        {
            switch (mode)
            {
                case "1m":
                    Scale("1 M synapses (512 → 1024 → 512, nc-ref)", BenchmarkNetworks.OneMillion, ChipSpecLoader.LoadPreset("nc-ref"));
                    break;
                case "100m":
                    Scale("100 M synapses (7 × 4096 dense chain, nc-ref cores on a 16 × 16 × 4 mesh)", BenchmarkNetworks.HundredMillion, BenchmarkNetworks.LargeMesh());
                    break;
                case "placement":
                    Placement();
                    break;
                default:
                    Console.Error.WriteLine($"Unknown mapping benchmark '{mode}': use 1m, 100m or placement.");
                    return 2;
            }
        }

        return 0;
    }

    private static void Scale(string title, Func<NetworkGraph> build, ChipSpec chip)
    {
        Console.WriteLine($"== compile {title}");
        NetworkGraph graph = build();
        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        CompilationResult result = Compiler.Compile(graph, chip, new CompilerOptions { VerifyRoutes = false });
        watch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"synapses {result.Network.SynapseCount:N0}, neurons {result.Network.NeuronCount:N0}, cores {result.Image.Cores.Count:N0}");
        Console.WriteLine($"compile (lower, quantise, partition, place, route, emit): {watch.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"allocated during compile: {allocated / (1024.0 * 1024 * 1024):F2} GiB; process peak working set so far: {process.PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
        Console.WriteLine(result.PlacementReport);
        var check = Stopwatch.StartNew();
        var report = NeuroChip.Mapping.Routing.RouteChecker.Check(result.Image, result.Network, result.Partition, result.CoreOfSlice);
        check.Stop();
        Console.WriteLine($"route check: {(report.Passed ? "passed" : "FAILED")}, {report.SynapsesDelivered:N0} synapses delivered exactly, {check.Elapsed.TotalSeconds:F2} s");
    }

    private static void Placement()
    {
        Console.WriteLine("== placement on a 4-layer network (64 → 4 × 512 IF, 64 neurons per core, nc-ref mesh)");
        (NetworkGraph graph, ChipSpec chip) = BenchmarkNetworks.FourLayers();
        foreach (int seed in new[] { 1, 2, 3 })
        {
            var watch = Stopwatch.StartNew();
            CompilationResult result = Compiler.Compile(graph, chip, new CompilerOptions { VerifyRoutes = false, Placement = new() { Seed = seed } });
            Console.WriteLine($"{result.Image.Cores.Count} cores; {result.PlacementReport} [{watch.Elapsed.TotalSeconds:F2} s]");
        }
    }
}
