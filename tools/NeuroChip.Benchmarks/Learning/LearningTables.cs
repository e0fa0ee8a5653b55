using System.Globalization;

namespace NeuroChip.Benchmarks.Learning;

/// <summary>The <c>learning</c> benchmark's printed tables and the notes its result file carries.</summary>
internal static class LearningTables
{
    public static IReadOnlyList<string> Notes { get; } =
    [
        "samplesPerSecond: the slice's samples over the median repetition's wall time; the machine is shared, see loadAverage and cpuSeconds.",
        "predictSamplesPerSecond: the same slice predicted without learning (the forward pass alone), timed after each training repetition.",
        "The float reference is single-threaded: it is measured on 1 thread only.",
        "Chip rows make every thread an engine worker (MinWorkPerWorker = 0); workersAtDefaultFloor is what neurochip train --threads gives the same network.",
        "Only the engine's Deliver, Update and Route phases spread over workers; the learning controller (third factor, weight updates, HLOP's lateral loop, SPIDE's backward phase) runs at the barrier on one thread.",
        "Energy: dynamic energy per training sample of the timed slices at the chip's coefficients (static power not included); the learning counters do not count spatial credit's reverse reads of W.",
        "Rules that read synapses in reverse (OTTT spatial, HLOP on it, GLSNN, SPIDE) run on the asked-for chip with reverse synapse access added; its coefficients are unchanged.",
        "HLOP: the warm-up is task 0; the timed slices are task 1, whose updates are projected off task 0's rows; lateral neurons are laid out for 2 tasks.",
    ];

    public static void Print(IReadOnlyList<LearningCaseResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine("case          network                     T  precision  threads  workers (default)  samples/s  min–max           predict/s  cpu/wall  load");
        foreach (LearningCaseResult r in results)
        {
            foreach (ThroughputMeasurement m in r.Measurements)
            {
                double cpuPerWall = m.CpuSeconds.Sum() / m.Seconds.Sum();
                string workers = m.Precision == "float" ? "–" : $"{m.Workers} ({m.WorkersAtDefaultFloor})";
                Console.WriteLine(string.Create(c,
                    $"{r.Name,-13} {r.Network,-27} {r.Timesteps,2}  {m.Precision,-9}  {m.Threads,7}  {workers,17}  {m.SamplesPerSecond,9:F1}  {r.SamplesPerRepetition / m.Seconds.Max(),7:F1}–{r.SamplesPerRepetition / m.Seconds.Min(),-7:F1}  {m.PredictSamplesPerSecond,9:F1}  {cpuPerWall,8:F2}  {m.LoadAverage,4:F2}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("learning energy per training sample on the chip, µJ (counts per sample on the right)");
        Console.WriteLine("case          chip             forward  updates  3rd factor  backward  lateral  learning   synaptic updates  3rd-factor packets  same weights 1/2 threads");
        foreach (LearningCaseResult r in results)
        {
            if (r.Energy is not { } e)
            {
                continue;
            }

            Console.WriteLine(string.Create(c,
                $"{r.Name,-13} {r.Chip,-15} {e.ForwardPj / 1e6,8:F2} {e.WeightUpdatesPj / 1e6,8:F2} {e.ThirdFactorPj / 1e6,11:F4} {e.BackwardPj / 1e6,9:F2} {e.LateralPj / 1e6,8:F2} {e.LearningPj / 1e6,9:F2}   {e.SynapticUpdatesPerSample,16:N0}  {e.ThirdFactorPacketsPerSample,18:N0}  {(r.IdenticalAcrossThreads ? "yes" : "NO")}"));
        }

        LearningCaseResult? baseline = results.FirstOrDefault(r => r.Name == "ottt-spatial");
        foreach (LearningCaseResult r in results)
        {
            if (r.Lateral is { } l)
            {
                PrintLateral(r, l, baseline?.Energy);
            }
        }
    }

    /// <summary>HLOP's overhead: the lateral neurons' memory beside the network's, and its energy against the base rule's.</summary>
    private static void PrintLateral(LearningCaseResult r, LateralMemory l, LearningEnergy? baseline)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c,
            $"{r.Name}: {l.Rows:N0} lateral neurons on {l.Cores} cores reserve {Kib(l.TotalMemoryBits)} KiB (H {Kib(l.WeightMemoryBits)}, momentum registers {Kib(l.RegisterMemoryBits)}, batch buffers {Kib(l.BatchMemoryBits)}) beside the network's {Kib(l.NetworkSynapseBits)} KiB on {l.NetworkCores} cores: +{100.0 * l.TotalMemoryBits / l.NetworkSynapseBits:F0} % memory."));
        if (r.FloatLateralBits is { } bits)
        {
            Console.WriteLine(string.Create(c, $"{r.Name}: the float reference's H at 16 bits per weight: {Kib(bits)} KiB."));
        }

        if (r.Energy is { } e)
        {
            Console.WriteLine(string.Create(c,
                $"{r.Name}: lateral neurons {e.LateralPj / 1e6:F2} µJ per sample ({e.LateralSynapticOpsPerSample:N0} lateral reads, {e.LateralSynapticUpdatesPerSample:N0} writes)."));
            if (baseline is not null)
            {
                double total = e.ForwardPj + e.LearningPj;
                double baseTotal = baseline.ForwardPj + baseline.LearningPj;
                Console.WriteLine(string.Create(c,
                    $"{r.Name}: {total / 1e6:F2} µJ per sample against ottt-spatial's {baseTotal / 1e6:F2} µJ (+{100 * (total - baseTotal) / baseTotal:F0} %): lateral neurons {e.LateralPj / 1e6:F2} µJ, weight updates {(e.WeightUpdatesPj - baseline.WeightUpdatesPj) / 1e6:+0.00;-0.00} µJ ({e.SynapticUpdatesPerSample:N0} against {baseline.SynapticUpdatesPerSample:N0} synapses: a projected presynaptic factor is rarely zero)."));
            }
        }
    }

    private static string Kib(long bits) => (bits / 8.0 / 1024).ToString("N0", CultureInfo.InvariantCulture);
}
