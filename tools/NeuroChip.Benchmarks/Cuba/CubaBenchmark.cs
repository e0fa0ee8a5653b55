using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;
using NeuroChip.Mapping.Samples;

namespace NeuroChip.Benchmarks.Cuba;

/// <summary>
/// <c>cuba</c>: builds the CUBA network on <c>nc-ref</c> (or <c>--chip</c>) (<see cref="CubaNetwork"/>), warms the engine
/// up, times 1 s of model time (10,000 ticks) several times per thread count with recording and timing
/// off, then runs once more with the timing replay on for the modelled chip time and energy.
/// Prints a table, or one JSON object with <c>--json</c> (read by scripts/cuba_side_by_side.sh).
/// </summary>
internal static class CubaBenchmark
{
    /// <summary>The engine packs a sparse synapse into one 32-bit word (8-bit weight, 6-bit delay, 18-bit target).</summary>
    private const int EngineBytesPerSparseSynapse = sizeof(uint);

    private const int WarmUpRuns = 2;

    public static int Run(IReadOnlyList<string> args)
    {
        CubaOptions options = CubaOptions.Parse(args);
        ChipSpec chip = ChipSpecLoader.Load(options.Chip);
        var spec = new CubaSpec
        {
            Seed = options.Seed,
            NeuronCount = options.Neurons,
            ExcitatoryCount = options.Neurons * 4 / 5,
            ConnectionProbability = options.ConnectionProbability,
        };
        var buildClock = Stopwatch.StartNew();
        CubaNetwork network = CubaNetwork.Build(chip, spec);
        double buildSeconds = buildClock.Elapsed.TotalSeconds;
        int ticks = spec.TicksPerSecond;

        var measurements = options.Threads.Select(t => Measure(network, t, ticks, options.Repeat)).ToList();
        (TimingReport timing, EnergyReport energy) = ModelChip(network, ticks);
        bool sameRaster = measurements.All(m => m.SpikeCounts.AsSpan().SequenceEqual(measurements[0].SpikeCounts));

        if (options.Json)
        {
            Console.WriteLine(ToJson(network, measurements, timing, energy, sameRaster, buildSeconds));
        }
        else
        {
            PrintTable(network, measurements, timing, energy, sameRaster, buildSeconds);
        }

        if (options.Breakdown && !options.Json)
        {
            CubaBreakdown.Print(network, ticks, options.Repeat);
        }

        return 0;
    }

    private static CubaMeasurement Measure(CubaNetwork network, int threads, int ticks, int repeat)
    {
        using var simulator = new Simulator(network.Image, new SimulatorOptions { Threads = threads, MinWorkPerWorker = 0 });
        for (int w = 0; w < WarmUpRuns; w++)
        {
            simulator.Reset();
            simulator.Run(ticks);
        }

        var seconds = new double[repeat];
        var cpu = new double[repeat];
        using var process = Process.GetCurrentProcess();
        RunResult? last = null;
        long allocated = 0;
        for (int k = 0; k < repeat; k++)
        {
            simulator.Reset();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            last = simulator.Run(ticks);
            seconds[k] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            cpu[k] = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        RunCounters counters = last!.Counters;
        return new CubaMeasurement
        {
            Threads = threads,
            Ticks = ticks,
            LoopSeconds = seconds,
            CpuSeconds = cpu,
            Spikes = counters.TotalSpikes,
            SynapticEvents = counters.TotalSynapticOps,
            NeuronUpdates = counters.TotalActiveUpdates + counters.TotalIdleUpdates,
            AllocatedBytesPerRun = allocated,
            SpikeCounts = counters.NeuronSpikes.SelectMany(c => c).ToArray(),
        };
    }

    private static (TimingReport Timing, EnergyReport Energy) ModelChip(CubaNetwork network, int ticks)
    {
        using var simulator = new Simulator(network.Image, new SimulatorOptions { Timing = true });
        RunResult result = simulator.Run(ticks);
        TimingReport timing = result.Timing!;
        return (timing, EnergyModel.Compute(result.Counters, network.Image.Chip, timing.TotalNs));
    }

    private static double RateHz(CubaNetwork network, CubaMeasurement m) =>
        m.Spikes / (double)network.Spec.NeuronCount / (m.Ticks * network.Spec.TimeStepMs / 1000);

    private static double SynapseMemoryBytesPerSynapse(CubaNetwork network) => network.SynapseMemoryBits / 8.0 / network.SynapseCount;

    private static void PrintTable(
        CubaNetwork network, IReadOnlyList<CubaMeasurement> measurements, TimingReport timing, EnergyReport energy, bool sameRaster, double buildSeconds)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        CubaSpec spec = network.Spec;
        Console.WriteLine(string.Create(c, $"CUBA on {network.Image.Chip.Name}: {spec.NeuronCount} neurons ({spec.ExcitatoryCount} excitatory) on {network.Image.Cores.Count} cores, {network.SynapseCount:N0} synapses (p = {network.SynapseCount / ((double)spec.NeuronCount * (spec.NeuronCount - 1)):F4}), built in {buildSeconds:F2} s"));
        Console.WriteLine();
        Console.WriteLine("parameter                     target        on chip       rel. error");
        foreach (QuantisedParameter p in network.FixedPoint.Parameters)
        {
            Console.WriteLine(string.Create(c, $"{p.Name,-28} {p.Target,10:G6} {p.Unit,-3}{p.Achieved,10:G6} {p.Unit,-3}{p.RelativeError,12:E2}"));
        }

        CubaFixedPoint f = network.FixedPoint;
        Console.WriteLine(string.Create(c, $"state scale {f.StateUnitsPerMv:F1} units/mV; dv {f.DecayV}, du {f.DecayU}, vth {f.ThresholdMantissa}, bias {f.BiasMantissa} << {f.BiasExponent}, refractory {f.RefractoryTicks} ticks; weights {f.Excitatory.Mantissa} << {f.Excitatory.Exponent} ({f.Excitatory.Bits} bits), {f.Inhibitory.Mantissa} << {f.Inhibitory.Exponent} ({f.Inhibitory.Bits} bits)"));
        Console.WriteLine();
        Console.WriteLine("threads  median loop  (cpu)      ticks/s      syn. events/s  neuron upd./s  rate (Hz)  alloc/run");
        foreach (CubaMeasurement m in measurements)
        {
            Console.WriteLine(string.Create(c, $"{m.Threads,7}  {m.MedianLoopSeconds,9:F4} s  ({m.MedianCpuSeconds,6:F4} s)  {m.TicksPerSecond,11:N0}  {m.SynapticEventsPerSecond,13:E3}  {m.NeuronUpdatesPerSecond,13:E3}  {RateHz(network, m),9:F3}  {m.AllocatedBytesPerRun,9:N0} B"));
            Console.WriteLine("         runs (s): " + string.Join(" ", m.LoopSeconds.Select(s => s.ToString("F4", c))));
        }

        Console.WriteLine(string.Create(c, $"spike counts identical across thread counts: {sameRaster}; synaptic events per run: {measurements[0].SynapticEvents:N0}"));
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"bytes per synapse: engine sparse encoding {EngineBytesPerSparseSynapse}, synapse memory {SynapseMemoryBytesPerSynapse(network):F3} ({network.SynapseMemoryBits:N0} bits incl. row headers)"));
        Console.WriteLine(string.Create(c, $"modelled chip: {timing.TotalNs / 1e6:F3} ms for {timing.Ticks} ticks (median tick {timing.MedianTickNs:F0} ns, critical core {timing.CriticalCore})"));
        Console.WriteLine(string.Create(c, $"energy per tick: {(energy.DynamicPj + energy.StaticPj) / timing.Ticks / 1000:F2} nJ (dynamic {energy.DynamicPj / timing.Ticks / 1000:F2} nJ, static {energy.StaticPj / timing.Ticks / 1000:F2} nJ)"));
    }

    private static string ToJson(
        CubaNetwork network, IReadOnlyList<CubaMeasurement> measurements, TimingReport timing, EnergyReport energy, bool sameRaster, double buildSeconds)
    {
        var json = new Dictionary<string, object>
        {
            ["simulator"] = "neurochip",
            ["neurons"] = network.Spec.NeuronCount,
            ["cores"] = network.Image.Cores.Count,
            ["synapses"] = network.SynapseCount,
            ["build_seconds"] = buildSeconds,
            ["runs"] = measurements.Select(m => new Dictionary<string, object>
            {
                ["threads"] = m.Threads,
                ["ticks"] = m.Ticks,
                ["loop_seconds"] = m.LoopSeconds,
                ["median_loop_seconds"] = m.MedianLoopSeconds,
                ["cpu_seconds"] = m.CpuSeconds,
                ["median_cpu_seconds"] = m.MedianCpuSeconds,
                ["ticks_per_second"] = m.TicksPerSecond,
                ["spikes"] = m.Spikes,
                ["firing_rate_hz"] = RateHz(network, m),
                ["synaptic_events"] = m.SynapticEvents,
                ["synaptic_events_per_second"] = m.SynapticEventsPerSecond,
                ["neuron_updates_per_second"] = m.NeuronUpdatesPerSecond,
                ["allocated_bytes_per_run"] = m.AllocatedBytesPerRun,
            }).ToList(),
            ["same_spike_counts_across_threads"] = sameRaster,
            ["engine_bytes_per_synapse"] = EngineBytesPerSparseSynapse,
            ["synapse_memory_bytes_per_synapse"] = SynapseMemoryBytesPerSynapse(network),
            ["chip_seconds"] = timing.TotalNs / 1e9,
            ["energy_per_tick_nj"] = (energy.DynamicPj + energy.StaticPj) / timing.Ticks / 1000,
            ["quantisation"] = network.FixedPoint.Parameters.Select(p => new Dictionary<string, object>
            {
                ["name"] = p.Name,
                ["target"] = p.Target,
                ["achieved"] = p.Achieved,
                ["unit"] = p.Unit,
                ["relative_error"] = p.RelativeError,
            }).ToList(),
        };
        return JsonSerializer.Serialize(json);
    }
}
