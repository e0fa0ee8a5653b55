using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.Statistics;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Samples;

namespace NeuroChip.Benchmarks.Cuba;

/// <summary>
/// Where the CUBA loop's time goes, by subtraction of three images on one thread:
/// the full network; the same neurons and cores with no synapses and no routes (Update + tick
/// overhead; neurons then fire from their bias alone, which does not change the Update's cost); and
/// the same cores with 8 neurons each (tick overhead: phases, outboxes, barrier bookkeeping).
/// </summary>
internal static class CubaBreakdown
{
    private const int SkeletonNeuronsPerCore = 8;

    public static void Print(CubaNetwork network, int ticks, int repeat)
    {
        ChipImage full = network.Image;
        ChipImage neuronsOnly = full with
        {
            Cores = full.Cores.Select(c => c with { Axons = [], Routes = RouteTable.Empty(c.Neurons.Count) }).ToList(),
        };
        ChipImage skeleton = full with
        {
            Cores = full.Cores.Select(c => c with
            {
                Neurons = NeuronTable.Uniform(SkeletonNeuronsPerCore),
                Axons = [],
                Routes = RouteTable.Empty(SkeletonNeuronsPerCore),
            }).ToList(),
        };

        (double fullSeconds, long events) = Time(full, ticks, repeat);
        (double updateSeconds, _) = Time(neuronsOnly, ticks, repeat);
        (double overheadSeconds, _) = Time(skeleton, ticks, repeat);
        long updates = (long)network.Spec.NeuronCount * ticks;
        double deliverRoute = fullSeconds - updateSeconds;
        double update = updateSeconds - overheadSeconds;
        CultureInfo c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"breakdown of the 1-thread loop ({ticks} ticks, median of {repeat}):"));
        Console.WriteLine(string.Create(c, $"  full network                       {fullSeconds,8:F4} s"));
        Console.WriteLine(string.Create(c, $"  Deliver + Route (full − no-syn.)   {deliverRoute,8:F4} s  {deliverRoute * 1e9 / Math.Max(1, events),6:F2} ns per synaptic event ({events:N0})"));
        Console.WriteLine(string.Create(c, $"  Update (no-syn. − skeleton)        {update,8:F4} s  {update * 1e9 / updates,6:F2} ns per neuron update ({updates:N0})"));
        Console.WriteLine(string.Create(c, $"  tick overhead (skeleton)           {overheadSeconds,8:F4} s  {overheadSeconds * 1e9 / ticks / full.Cores.Count,6:F0} ns per tick and core"));
    }

    private static (double MedianSeconds, long SynapticEvents) Time(ChipImage image, int ticks, int repeat)
    {
        using var simulator = new Simulator(image);
        simulator.Run(ticks);
        var seconds = new double[repeat];
        long events = 0;
        for (int k = 0; k < repeat; k++)
        {
            simulator.Reset();
            long start = Stopwatch.GetTimestamp();
            events = simulator.Run(ticks).Counters.TotalSynapticOps;
            seconds[k] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        return (seconds.Median(), events);
    }
}
