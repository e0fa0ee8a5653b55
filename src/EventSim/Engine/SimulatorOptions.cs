namespace NeuroChip.EventSim.Engine;

/// <summary>A neuron of the chip: <see cref="Core"/> is the core's id on the mesh.</summary>
public readonly record struct NeuronRef(int Core, int Neuron);

/// <summary>One recorded spike.</summary>
public readonly record struct SpikeEvent(int Tick, int Core, int Neuron);

/// <summary>How a simulation runs and what it records.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Most worker threads the cores are spread over (results are identical for any count).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Work (neurons + synapses / 16, a tick's expected load) each worker must have before another worker
    /// is added: a barrier costs more than a tick of a small network, so small chips run on fewer workers.
    /// 0 uses every worker asked for.
    /// </summary>
    public long MinWorkPerWorker { get; init; } = 20_000;

    /// <summary>Record every spike of the chip into <see cref="RunResult.Spikes"/>.</summary>
    public bool RecordSpikes { get; init; }

    /// <summary>Neurons whose u and v registers are recorded every tick (see <see cref="RunResult.Traces"/>).</summary>
    public IReadOnlyList<NeuronRef> TracedNeurons { get; init; } = [];

    /// <summary>Replay each tick in the discrete-event timing model (see <see cref="Probes.TimingModel"/>).</summary>
    public bool Timing { get; init; }

    /// <summary>Called at every tick's barrier, on one thread, after the tick's spikes are routed.</summary>
    public ITickHook? Hook { get; init; }
}

/// <summary>Runs at each tick's barrier; the place where on-chip learning attaches.</summary>
public interface ITickHook
{
    void AtBarrier(int tick, SimulatorView view);
}
