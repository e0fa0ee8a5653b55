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

    /// <summary>
    /// Graded offsets of a core's neurons, held from the next Route until changed: added to each neuron's spike payload,
    /// and sent on their own by neurons that do not spike. Only cores whose profiles are graded
    /// (<see cref="Model.NeuronProfile.SpikePayload"/> ≠ 1) have them; cleared by a reset.
    /// </summary>
    public Span<int> GradedOffsets(int core)
    {
        if (!cores[core].Graded)
        {
            throw new InvalidOperationException($"Core {cores[core].CoreId} sends binary spikes; only graded neurons (spikePayload ≠ 1) carry offsets.");
        }

        return cores[core].GradedOffset;
    }

    /// <summary>Index of the core with mesh id <paramref name="coreId"/> in the image's core order.</summary>
    public int IndexOf(int coreId)
    {
        for (int c = 0; c < cores.Length; c++)
        {
            if (cores[c].CoreId == coreId)
            {
                return c;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(coreId), $"The image has no core {coreId}.");
    }

    /// <summary>
    /// The weight mantissas of a dense synapse row, writable: plasticity changes synapse memory in place.
    /// Callers keep each value within the row's weight bits.
    /// </summary>
    public Span<short> DenseRowWeights(int core, int axon)
    {
        CompiledRow row = cores[core].Synapses.Rows[axon];
        if (row.Kind != RowKind.Dense)
        {
            throw new InvalidOperationException($"Axon {axon} of core {cores[core].CoreId} is not a dense row; plastic rows must be dense.");
        }

        return cores[core].Synapses.DenseWeights.AsSpan(row.Start, row.Count);
    }

    /// <summary>Neurons of a core that spiked this tick.</summary>
    public ReadOnlySpan<int> SpikesThisTick(int core) => cores[core].SpikeBuffer.AsSpan(0, cores[core].SpikeCount);
}
