namespace NeuroChip.OnChipLearning.Chip;

/// <summary>What learning cost on the chip: plastic synapse updates and third-factor traffic.</summary>
public sealed class LearningCounters
{
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

    /// <summary>Weight updates and third-factor traffic priced at <paramref name="e"/>, pJ.</summary>
    public double UpdateAndThirdFactorEnergyPj(EventSim.Model.EnergyCoefficients e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (SynapticUpdates * e.SynapticUpdate.Value) + (ThirdFactorPackets * e.SpikeInTile.Value)
            + (ThirdFactorHopsEastWest * e.HopEastWest.Value) + (ThirdFactorHopsNorthSouth * e.HopNorthSouth.Value);
    }

    /// <summary>
    /// HLOP's lateral neurons priced at <paramref name="e"/>, pJ: each synapse read as a synaptic op, each write as a
    /// synaptic update, each partial-sum packet as a spike within a tile (a layer's lateral cores are neighbours).
    /// </summary>
    public double LateralEnergyPj(EventSim.Model.EnergyCoefficients e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (LateralSynapticOps * e.SynapticOp.Value) + (LateralSynapticUpdates * e.SynapticUpdate.Value) + (LateralPackets * e.SpikeInTile.Value);
    }

    public void Clear()
    {
        SynapticUpdates = ThirdFactorPackets = ThirdFactorHopsEastWest = ThirdFactorHopsNorthSouth = SaturatedUpdates = 0;
        LateralSynapticOps = LateralSynapticUpdates = LateralPackets = 0;
    }
}
