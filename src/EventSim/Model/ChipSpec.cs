namespace NeuroChip.EventSim.Model;

/// <summary>
/// What a chip is: its mesh, the limits of each core, its number formats, what each operation costs
/// in time and energy. Immutable; loaded and validated by <see cref="ChipSpecLoader"/>.
/// </summary>
public sealed record ChipSpec
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required MeshSpec Mesh { get; init; }

    public required CoreLimits Core { get; init; }

    public required NumberFormats Formats { get; init; }

    public required TimingCosts Timing { get; init; }

    public required EnergyCoefficients Energy { get; init; }

    /// <summary>Whether a core can read its synapse array in reverse (Wᵀ), as some learning rules need.</summary>
    public bool ReverseSynapseAccess { get; init; }

    public int CoreCount => Mesh.TilesX * Mesh.TilesY * Mesh.CoresPerTile;
}

/// <summary>A 2-D mesh of tiles, each holding <see cref="CoresPerTile"/> cores that share a router.</summary>
public sealed record MeshSpec
{
    public required int TilesX { get; init; }

    public required int TilesY { get; init; }

    public int CoresPerTile { get; init; } = 1;
}

/// <summary>What one core holds. Every limit is checked by the compiler and by image validation.</summary>
public sealed record CoreLimits
{
    public required int MaxNeurons { get; init; }

    public required long SynapseMemoryBits { get; init; }

    public required int MaxFanInAxons { get; init; }

    public required int MaxFanOutRoutes { get; init; }

    public required int MaxNeuronProfiles { get; init; }
}

/// <summary>Number formats of the datapath. The state, decay and threshold widths are fixed by the engine's datapath.</summary>
public sealed record NumberFormats
{
    /// <summary>Widest signed weight mantissa the synapse memory stores (1–8).</summary>
    public int WeightMantissaBits { get; init; } = 8;

    /// <summary>Whether each synapse row carries its own weight exponent (otherwise one per core).</summary>
    public bool WeightExponentPerRow { get; init; } = true;

    /// <summary>Width of learning weights (8 = same as inference; up to 16 at a memory cost).</summary>
    public int LearningWeightBits { get; init; } = 8;

    public int MaxDelayTicks { get; init; } = 62;

    public int StateBits { get; init; } = 24;

    public int DecayBits { get; init; } = 12;

    public int ThresholdMantissaBits { get; init; } = 17;

    public int BiasMantissaBits { get; init; } = 13;

    public int BiasExponentBits { get; init; } = 3;

    /// <summary>Bits of bookkeeping per synapse row (row header: length, exponent, encoding).</summary>
    public int RowHeaderBits { get; init; } = 32;
}

/// <summary>Time each operation keeps its unit busy, in nanoseconds.</summary>
public sealed record TimingCosts
{
    public required double SynapticOpNs { get; init; }

    public required double NeuronUpdateActiveNs { get; init; }

    public required double NeuronUpdateIdleNs { get; init; }

    public required double SpikeInTileNs { get; init; }

    public required double HopEastWestNs { get; init; }

    public required double HopNorthSouthNs { get; init; }

    /// <summary>Time one packet occupies a link (inverse link bandwidth).</summary>
    public required double LinkSerialisationNs { get; init; }

    public required double BarrierNs { get; init; }

    public required double SynapticUpdateNs { get; init; }

    public string Source { get; init; } = "";
}

/// <summary>One labelled energy figure: what it is for, its value and unit, and where it comes from.</summary>
public sealed record EnergyCoefficient
{
    public required string Operation { get; init; }

    public required double Value { get; init; }

    public required string Unit { get; init; }

    public required string Source { get; init; }
}

/// <summary>Energy per operation (pJ) and static power (mW). Every coefficient names its source.</summary>
public sealed record EnergyCoefficients
{
    public required EnergyCoefficient SynapticOp { get; init; }

    public required EnergyCoefficient SynapticUpdate { get; init; }

    public required EnergyCoefficient NeuronUpdateActive { get; init; }

    public required EnergyCoefficient NeuronUpdateIdle { get; init; }

    public required EnergyCoefficient SpikeInTile { get; init; }

    public required EnergyCoefficient HopEastWest { get; init; }

    public required EnergyCoefficient HopNorthSouth { get; init; }

    public required EnergyCoefficient StaticPower { get; init; }

    public IEnumerable<(string Key, EnergyCoefficient Coefficient)> All()
    {
        yield return ("synapticOp", SynapticOp);
        yield return ("synapticUpdate", SynapticUpdate);
        yield return ("neuronUpdateActive", NeuronUpdateActive);
        yield return ("neuronUpdateIdle", NeuronUpdateIdle);
        yield return ("spikeInTile", SpikeInTile);
        yield return ("hopEastWest", HopEastWest);
        yield return ("hopNorthSouth", HopNorthSouth);
        yield return ("staticPower", StaticPower);
    }
}
