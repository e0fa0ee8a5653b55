using NeuroChip.EventSim.Model;
using NeuroChip.EventSim.Probes;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// What learning cost on the chip: the event engine's counters summed over the training samples' forward runs, plastic
/// synapse updates, third-factor traffic and HLOP's lateral loop.
/// </summary>
public sealed class LearningCounters
{
    public long ForwardSynapticOps { get; private set; }

    public long ForwardNeuronUpdatesActive { get; private set; }

    public long ForwardNeuronUpdatesIdle { get; private set; }

    public long ForwardSpikePackets { get; private set; }

    public long ForwardSpikeHopsEastWest { get; private set; }

    public long ForwardSpikeHopsNorthSouth { get; private set; }

    /// <summary>Plastic synapses visited by weight updates.</summary>
    public long SynapticUpdates { get; internal set; }

    /// <summary>Modulatory packets carrying the third factor to a neuron (one per neuron per learning step).</summary>
    public long ThirdFactorPackets { get; internal set; }

    /// <summary>East-west and north-south hops of those packets from the learning controller at tile (0, 0).</summary>
    public long ThirdFactorHopsEastWest { get; internal set; }

    public long ThirdFactorHopsNorthSouth { get; internal set; }

    /// <summary>Weight updates that hit the mantissa range and were clipped.</summary>
    public long SaturatedUpdates { get; internal set; }

    /// <summary>HLOP: lateral synapses read for y = H·x and x̂ = Hᵀ·y (learning passes and projections).</summary>
    public long LateralSynapticOps { get; internal set; }

    /// <summary>HLOP: lateral synapse writes (momentum registers and H).</summary>
    public long LateralSynapticUpdates { get; internal set; }

    /// <summary>HLOP: partial sums of x̂ sent between the cores of a layer's lateral neurons.</summary>
    public long LateralPackets { get; internal set; }

    /// <summary>Dynamic energy of the forward runs at the chip's coefficients, pJ.</summary>
    public double ForwardEnergyPj(EnergyCoefficients e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (ForwardSynapticOps * e.SynapticOp.Value) + (ForwardNeuronUpdatesActive * e.NeuronUpdateActive.Value)
            + (ForwardNeuronUpdatesIdle * e.NeuronUpdateIdle.Value) + (ForwardSpikePackets * e.SpikeInTile.Value)
            + (ForwardSpikeHopsEastWest * e.HopEastWest.Value) + (ForwardSpikeHopsNorthSouth * e.HopNorthSouth.Value);
    }

    /// <summary>Weight updates and third-factor traffic priced at <paramref name="e"/>, pJ.</summary>
    public double UpdateAndThirdFactorEnergyPj(EnergyCoefficients e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (SynapticUpdates * e.SynapticUpdate.Value) + (ThirdFactorPackets * e.SpikeInTile.Value)
            + (ThirdFactorHopsEastWest * e.HopEastWest.Value) + (ThirdFactorHopsNorthSouth * e.HopNorthSouth.Value);
    }

    /// <summary>
    /// HLOP's lateral neurons priced at <paramref name="e"/>, pJ: each synapse read as a synaptic op, each write as a
    /// synaptic update, each partial-sum packet as a spike within a tile (a layer's lateral cores are neighbours).
    /// </summary>
    public double LateralEnergyPj(EnergyCoefficients e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (LateralSynapticOps * e.SynapticOp.Value) + (LateralSynapticUpdates * e.SynapticUpdate.Value) + (LateralPackets * e.SpikeInTile.Value);
    }

    public void Clear()
    {
        ForwardSynapticOps = ForwardNeuronUpdatesActive = ForwardNeuronUpdatesIdle = ForwardSpikePackets = ForwardSpikeHopsEastWest = ForwardSpikeHopsNorthSouth = 0;
        SynapticUpdates = ThirdFactorPackets = ThirdFactorHopsEastWest = ThirdFactorHopsNorthSouth = SaturatedUpdates = 0;
        LateralSynapticOps = LateralSynapticUpdates = LateralPackets = 0;
    }

    internal void AddForward(RunCounters run)
    {
        ForwardSynapticOps += run.TotalSynapticOps;
        ForwardNeuronUpdatesActive += run.TotalActiveUpdates;
        ForwardNeuronUpdatesIdle += run.TotalIdleUpdates;
        ForwardSpikePackets += run.TotalPackets;
        ForwardSpikeHopsEastWest += run.TotalHopsEastWest;
        ForwardSpikeHopsNorthSouth += run.TotalHopsNorthSouth;
    }
}
