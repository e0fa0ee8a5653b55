using NeuroChip.EventSim.Probes;

namespace NeuroChip.Mapping.Conversion;

/// <summary>
/// Accuracy of a chip image on a data set, with the work it took: counters summed over the samples, synaptic operations
/// and dynamic energy per inference (<see cref="EnergyModel"/>, no static power: the runs are not timed), and wall-clock
/// seconds per inference (the whole evaluation divided by the samples).
/// </summary>
public sealed record ChipEvaluation(
    double Accuracy, int Samples, int Timesteps, RunCounters Counters, double SynapticOpsPerInference, double EnergyPerInferencePj, double SecondsPerInference)
{
    /// <summary>Ticks each inference ran: T plus the hops from the input port to the readout (the routing latency).</summary>
    public int TicksPerInference { get; init; }

    public int Threads { get; init; } = 1;
}
