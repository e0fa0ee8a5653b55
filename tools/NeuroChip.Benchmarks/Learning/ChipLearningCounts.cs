using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Chip;
using NeuroChip.OnChipLearning.Chip.Feedback;

namespace NeuroChip.Benchmarks.Learning;

/// <summary>
/// What a chip learner has counted since it was built: the forward run's engine counters and the learning counters
/// (<see cref="LearningCounters"/>, and SPIDE's backward phase). Two snapshots subtract to the counts of the samples
/// trained between them.
/// </summary>
internal sealed record ChipLearningCounts
{
    public long Samples { get; init; }

    public long SynapticOps { get; init; }

    public long NeuronUpdatesActive { get; init; }

    public long NeuronUpdatesIdle { get; init; }

    public long SpikePackets { get; init; }

    public long SpikeHopsEastWest { get; init; }

    public long SpikeHopsNorthSouth { get; init; }

    public long SynapticUpdates { get; init; }

    public long SaturatedUpdates { get; init; }

    public long ThirdFactorPackets { get; init; }

    public long ThirdFactorHopsEastWest { get; init; }

    public long ThirdFactorHopsNorthSouth { get; init; }

    public long ReverseSynapticOps { get; init; }

    public long BackwardNeuronUpdates { get; init; }

    public long LateralSynapticOps { get; init; }

    public long LateralSynapticUpdates { get; init; }

    public long LateralPackets { get; init; }

    public static ChipLearningCounts Of(ChipSnn chip) =>
        Engine(chip.Counters, chip.SamplesTrained, chip.Counters.ForwardSynapticOps, chip.Counters.ForwardNeuronUpdatesActive, chip.Counters.ForwardNeuronUpdatesIdle, chip.Counters.ForwardSpikePackets, chip.Counters.ForwardSpikeHopsEastWest, chip.Counters.ForwardSpikeHopsNorthSouth);

    public static ChipLearningCounts Of(ChipFeedbackSnn chip) =>
        Engine(chip.Counters, chip.SamplesTrained, chip.Counters.ForwardSynapticOps, chip.Counters.ForwardNeuronUpdatesActive, chip.Counters.ForwardNeuronUpdatesIdle, chip.Counters.ForwardSpikePackets, chip.Counters.ForwardSpikeHopsEastWest, chip.Counters.ForwardSpikeHopsNorthSouth)
        with { ReverseSynapticOps = chip.ReverseSynapticOps, BackwardNeuronUpdates = chip.BackwardNeuronUpdates };

    public ChipLearningCounts Minus(ChipLearningCounts before) => new()
    {
        Samples = Samples - before.Samples,
        SynapticOps = SynapticOps - before.SynapticOps,
        NeuronUpdatesActive = NeuronUpdatesActive - before.NeuronUpdatesActive,
        NeuronUpdatesIdle = NeuronUpdatesIdle - before.NeuronUpdatesIdle,
        SpikePackets = SpikePackets - before.SpikePackets,
        SpikeHopsEastWest = SpikeHopsEastWest - before.SpikeHopsEastWest,
        SpikeHopsNorthSouth = SpikeHopsNorthSouth - before.SpikeHopsNorthSouth,
        SynapticUpdates = SynapticUpdates - before.SynapticUpdates,
        SaturatedUpdates = SaturatedUpdates - before.SaturatedUpdates,
        ThirdFactorPackets = ThirdFactorPackets - before.ThirdFactorPackets,
        ThirdFactorHopsEastWest = ThirdFactorHopsEastWest - before.ThirdFactorHopsEastWest,
        ThirdFactorHopsNorthSouth = ThirdFactorHopsNorthSouth - before.ThirdFactorHopsNorthSouth,
        ReverseSynapticOps = ReverseSynapticOps - before.ReverseSynapticOps,
        BackwardNeuronUpdates = BackwardNeuronUpdates - before.BackwardNeuronUpdates,
        LateralSynapticOps = LateralSynapticOps - before.LateralSynapticOps,
        LateralSynapticUpdates = LateralSynapticUpdates - before.LateralSynapticUpdates,
        LateralPackets = LateralPackets - before.LateralPackets,
    };

    /// <summary>
    /// The counts priced at <paramref name="e"/>, per sample, as <c>neurochip train</c>'s learning report prices them:
    /// forward (synaptic ops, neuron updates, spikes and hops), weight updates, the third factor's packets and hops, SPIDE's
    /// backward phase (reverse reads as synaptic ops, ternary neuron updates as active updates) and HLOP's lateral neurons
    /// (reads as synaptic ops, writes as synaptic updates, partial sums as in-tile spikes).
    /// </summary>
    public LearningEnergy Price(EnergyCoefficients e)
    {
        double n = Math.Max(1, Samples);
        return new LearningEnergy
        {
            ForwardPj = ((SynapticOps * e.SynapticOp.Value) + (NeuronUpdatesActive * e.NeuronUpdateActive.Value) + (NeuronUpdatesIdle * e.NeuronUpdateIdle.Value)
                + (SpikePackets * e.SpikeInTile.Value) + (SpikeHopsEastWest * e.HopEastWest.Value) + (SpikeHopsNorthSouth * e.HopNorthSouth.Value)) / n,
            WeightUpdatesPj = SynapticUpdates * e.SynapticUpdate.Value / n,
            ThirdFactorPj = ((ThirdFactorPackets * e.SpikeInTile.Value) + (ThirdFactorHopsEastWest * e.HopEastWest.Value) + (ThirdFactorHopsNorthSouth * e.HopNorthSouth.Value)) / n,
            BackwardPj = ((ReverseSynapticOps * e.SynapticOp.Value) + (BackwardNeuronUpdates * e.NeuronUpdateActive.Value)) / n,
            LateralPj = ((LateralSynapticOps * e.SynapticOp.Value) + (LateralSynapticUpdates * e.SynapticUpdate.Value) + (LateralPackets * e.SpikeInTile.Value)) / n,
            SynapticOpsPerSample = SynapticOps / n,
            SynapticUpdatesPerSample = SynapticUpdates / n,
            ThirdFactorPacketsPerSample = ThirdFactorPackets / n,
            ReverseSynapticOpsPerSample = ReverseSynapticOps / n,
            LateralSynapticOpsPerSample = LateralSynapticOps / n,
            LateralSynapticUpdatesPerSample = LateralSynapticUpdates / n,
            SaturatedUpdatesPerSample = SaturatedUpdates / n,
        };
    }

    private static ChipLearningCounts Engine(LearningCounters c, long samples, long synapticOps, long active, long idle, long packets, long hopsEastWest, long hopsNorthSouth) => new()
    {
        Samples = samples,
        SynapticOps = synapticOps,
        NeuronUpdatesActive = active,
        NeuronUpdatesIdle = idle,
        SpikePackets = packets,
        SpikeHopsEastWest = hopsEastWest,
        SpikeHopsNorthSouth = hopsNorthSouth,
        SynapticUpdates = c.SynapticUpdates,
        SaturatedUpdates = c.SaturatedUpdates,
        ThirdFactorPackets = c.ThirdFactorPackets,
        ThirdFactorHopsEastWest = c.ThirdFactorHopsEastWest,
        ThirdFactorHopsNorthSouth = c.ThirdFactorHopsNorthSouth,
        LateralSynapticOps = c.LateralSynapticOps,
        LateralSynapticUpdates = c.LateralSynapticUpdates,
        LateralPackets = c.LateralPackets,
    };
}

/// <summary>Dynamic energy of one training sample on the chip, pJ, by where it goes, with the counts behind it.</summary>
internal sealed record LearningEnergy
{
    public required double ForwardPj { get; init; }

    public required double WeightUpdatesPj { get; init; }

    public required double ThirdFactorPj { get; init; }

    /// <summary>SPIDE's ternary backward phase (0 for the other rules).</summary>
    public required double BackwardPj { get; init; }

    /// <summary>HLOP's lateral neurons (0 without HLOP).</summary>
    public required double LateralPj { get; init; }

    /// <summary>Everything learning adds to the forward run.</summary>
    public double LearningPj => WeightUpdatesPj + ThirdFactorPj + BackwardPj + LateralPj;

    public required double SynapticOpsPerSample { get; init; }

    public required double SynapticUpdatesPerSample { get; init; }

    public required double ThirdFactorPacketsPerSample { get; init; }

    public required double ReverseSynapticOpsPerSample { get; init; }

    public required double LateralSynapticOpsPerSample { get; init; }

    public required double LateralSynapticUpdatesPerSample { get; init; }

    public required double SaturatedUpdatesPerSample { get; init; }
}
