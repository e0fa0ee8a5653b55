using NeuroChip.EventSim.Engine;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Probes;

/// <summary>
/// What <c>neurochip simulate</c> writes: the run's counters, readouts, energy and timing, schema-versioned.
/// </summary>
public sealed record SimulationReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Chip { get; init; }

    public required int Ticks { get; init; }

    public required int Threads { get; init; }

    public required double WallSeconds { get; init; }

    public required RunCounters Counters { get; init; }

    public required IReadOnlyDictionary<string, int[]> ReadoutSpikeCounts { get; init; }

    public required EnergyReport Energy { get; init; }

    public TimingReport? Timing { get; init; }

    public static SimulationReport From(ChipImage image, RunResult run, int threads, double wallSeconds) => new()
    {
        Chip = image.Chip.Name,
        Ticks = run.Ticks,
        Threads = threads,
        WallSeconds = wallSeconds,
        Counters = run.Counters,
        ReadoutSpikeCounts = run.ReadoutPorts.ToDictionary(p => p, run.ReadoutSpikeCounts),
        Energy = EnergyModel.Compute(run.Counters, image.Chip, run.Timing?.TotalNs ?? 0),
        Timing = run.Timing,
    };
}
