using BenchmarkDotNet.Attributes;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Samples;

namespace NeuroChip.Benchmarks.Engine;

/// <summary>
/// The whole CUBA tick (Deliver, Update, Route, barrier) on 1 and 2 worker threads; one item is one
/// tick. Runs of 1,000 and 10,000 ticks allocate the same bytes (the run's result and probes), which
/// shows the tick loop itself allocates nothing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class CubaTickBenchmarks : IDisposable
{
    private Simulator simulator = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [Params(1000, 10_000)]
    public int Ticks { get; set; }

    /// <summary>Ticks per invocation.</summary>
    public static double ItemsPerInvoke(IReadOnlyDictionary<string, object> parameters) => (int)parameters[nameof(Ticks)];

    [GlobalSetup]
    public void Setup()
    {
        CubaNetwork network = CubaNetwork.Build(ChipSpecLoader.LoadPreset("nc-ref"), new CubaSpec());
        simulator = new Simulator(network.Image, new SimulatorOptions { Threads = Threads });
    }

    [GlobalCleanup]
    public void Dispose()
    {
        simulator.Dispose();
        GC.SuppressFinalize(this);
    }

    [IterationSetup]
    public void Rewind() => simulator.Reset();

    [Benchmark]
    public long Run() => simulator.Run(Ticks).Counters.TotalSpikes;
}
