using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>The event engine's counters summed over the forward runs of the training samples.</summary>
public sealed class ForwardCounters
{
    public long SynapticOps { get; private set; }

    public long NeuronUpdatesActive { get; private set; }

    public long NeuronUpdatesIdle { get; private set; }

    public long SpikePackets { get; private set; }

    public long SpikeHopsEastWest { get; private set; }

    public long SpikeHopsNorthSouth { get; private set; }

    internal void Add(RunCounters run)
    {
        SynapticOps += run.TotalSynapticOps;
        NeuronUpdatesActive += run.TotalActiveUpdates;
        NeuronUpdatesIdle += run.TotalIdleUpdates;
        SpikePackets += run.TotalPackets;
        SpikeHopsEastWest += run.TotalHopsEastWest;
        SpikeHopsNorthSouth += run.TotalHopsNorthSouth;
    }

    /// <summary>Dynamic energy of these runs at the chip's coefficients, pJ.</summary>
    public double EnergyPj(EnergyCoefficients e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (SynapticOps * e.SynapticOp.Value) + (NeuronUpdatesActive * e.NeuronUpdateActive.Value)
            + (NeuronUpdatesIdle * e.NeuronUpdateIdle.Value) + (SpikePackets * e.SpikeInTile.Value)
            + (SpikeHopsEastWest * e.HopEastWest.Value) + (SpikeHopsNorthSouth * e.HopNorthSouth.Value);
    }
}
