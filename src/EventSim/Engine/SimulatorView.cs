namespace NeuroChip.EventSim.Engine;

/// <summary>
/// What a barrier hook (e.g. on-chip learning) may see and change between ticks: each core's
/// registers and this tick's spikes. Core indices follow the image's core order.
/// </summary>
public sealed class SimulatorView
{
    private readonly CoreRuntime[] cores;

    internal SimulatorView(CoreRuntime[] cores)
    {
        this.cores = cores;
    }

    public int CoreCount => cores.Length;

    public int CoreId(int core) => cores[core].CoreId;

    public Span<int> Voltages(int core) => cores[core].V;

    public Span<int> Currents(int core) => cores[core].U;

    /// <summary>Held input currents (direct encoding) of a core's neurons.</summary>
    public Span<int> HeldInputs(int core) => cores[core].Current;

    /// <summary>Neurons of a core that spiked this tick.</summary>
    public ReadOnlySpan<int> SpikesThisTick(int core) => cores[core].SpikeBuffer.AsSpan(0, cores[core].SpikeCount);
}
