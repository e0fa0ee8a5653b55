using MathNet.Numerics.Statistics;

namespace NeuroChip.Benchmarks.Cuba;

/// <summary>Timed runs of the CUBA network on one thread count.</summary>
internal sealed record CubaMeasurement
{
    public required int Threads { get; init; }

    public required int Ticks { get; init; }

    /// <summary>Wall time of each timed <c>Run(ticks)</c>, seconds.</summary>
    public required double[] LoopSeconds { get; init; }

    /// <summary>
    /// Processor time of the whole process during each timed run, seconds: on a shared machine it
    /// separates the engine's own work from time spent waiting for a core.
    /// </summary>
    public required double[] CpuSeconds { get; init; }

    public required long Spikes { get; init; }

    public required long SynapticEvents { get; init; }

    public required long NeuronUpdates { get; init; }

    /// <summary>Bytes the process allocated during one timed run (setup of the run's result included).</summary>
    public required long AllocatedBytesPerRun { get; init; }

    /// <summary>Spike count of every neuron, in core order (to compare thread counts).</summary>
    public required int[] SpikeCounts { get; init; }

    public double MedianLoopSeconds => Median(LoopSeconds);

    public double MedianCpuSeconds => Median(CpuSeconds);

    public double TicksPerSecond => Ticks / MedianLoopSeconds;

    public double SynapticEventsPerSecond => SynapticEvents / MedianLoopSeconds;

    public double NeuronUpdatesPerSecond => NeuronUpdates / MedianLoopSeconds;

    /// <summary>The sample median (MathNet's, the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyList<double> values) => Statistics.Median(values);
}
