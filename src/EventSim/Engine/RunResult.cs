using NeuroChip.EventSim.Probes;

namespace NeuroChip.EventSim.Engine;

/// <summary>The u (current) and v (voltage) registers of one neuron at the end of every tick of a run.</summary>
public sealed record NeuronTrace(NeuronRef Neuron, int[] U, int[] V);

/// <summary>What a run produced: counters, recorded spikes and u/v traces, readouts, timing.</summary>
public sealed class RunResult
{
    private readonly IReadOnlyDictionary<string, int[]> readoutCounts;
    private readonly IReadOnlyDictionary<string, int[]> readoutVoltages;

    internal RunResult(
        int ticks,
        RunCounters counters,
        IReadOnlyList<SpikeEvent> spikes,
        IReadOnlyList<NeuronTrace> traces,
        IReadOnlyDictionary<string, int[]> readoutCounts,
        IReadOnlyDictionary<string, int[]> readoutVoltages,
        TimingReport? timing)
    {
        Ticks = ticks;
        Counters = counters;
        Spikes = spikes;
        Traces = traces;
        this.readoutCounts = readoutCounts;
        this.readoutVoltages = readoutVoltages;
        Timing = timing;
    }

    public int Ticks { get; }

    public RunCounters Counters { get; }

    /// <summary>Every spike, sorted by (tick, core, neuron); empty unless <see cref="SimulatorOptions.RecordSpikes"/>.</summary>
    public IReadOnlyList<SpikeEvent> Spikes { get; }

    /// <summary>One trace per neuron of <see cref="SimulatorOptions.TracedNeurons"/>, in that order.</summary>
    public IReadOnlyList<NeuronTrace> Traces { get; }

    public TimingReport? Timing { get; }

    public IEnumerable<string> ReadoutPorts => readoutCounts.Keys;

    /// <summary>Spike counts of a readout port's neurons over this run.</summary>
    public int[] ReadoutSpikeCounts(string port) => readoutCounts.TryGetValue(port, out int[]? counts)
        ? counts
        : throw new UserInputException($"No readout port '{port}'. Ports: {string.Join(", ", readoutCounts.Keys)}.");

    /// <summary>The v register of a readout port's neurons at the end of this run.</summary>
    public int[] ReadoutVoltages(string port) => readoutVoltages.TryGetValue(port, out int[]? values)
        ? values
        : throw new UserInputException($"No readout port '{port}'. Ports: {string.Join(", ", readoutVoltages.Keys)}.");
}
