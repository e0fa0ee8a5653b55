using BenchmarkDotNet.Attributes;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;

namespace NeuroChip.Benchmarks.Engine;

/// <summary>
/// The Deliver phase for routed spikes, one synaptic event per item: every tick,
/// <see cref="EventsPerTick"/> / <see cref="FanOut"/> driver neurons spike and each packet walks a
/// sparse row of <see cref="FanOut"/> random targets among 1,024 neurons into the delay ring
/// (<see cref="BenchmarkImages.RoutedDelivery"/>). The Update of the driver and target neurons
/// (at most 1,536 per tick) and the routing of the packets are included.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class SynapticDeliveryBenchmarks : IDisposable
{
    private const int Ticks = 200;
    private const int NeuronCount = 1024;
    private const int EventsPerTick = 8192;

    private Simulator simulator = null!;

    [Params(16, 128, 1024)]
    public int FanOut { get; set; }

    /// <summary>Synaptic events per invocation (the first tick delivers nothing: spikes arrive one tick later).</summary>
    public static double ItemsPerInvoke(IReadOnlyDictionary<string, object> parameters) => (double)Ticks * EventsPerTick;

    [GlobalSetup]
    public void Setup()
    {
        ChipSpec chip = ChipSpecLoader.LoadPreset("nc-ref");
        simulator = new Simulator(BenchmarkImages.RoutedDelivery(chip, EventsPerTick / FanOut, NeuronCount, FanOut, seed: 11));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        simulator.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public long Deliver() => simulator.Run(Ticks).Counters.TotalSynapticOps;
}
