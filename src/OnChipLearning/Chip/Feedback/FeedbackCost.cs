using NeuroChip.EventSim.Model;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>
/// What SPIDE cost on the chip per training sample, priced with the chip's labelled coefficients. Forward phase:
/// the engine's synaptic ops, neuron updates and spike traffic. Learning: the backward phase (reverse synapse
/// reads at the synaptic-op energy, ternary neuron updates at the active-update energy), the error packets and
/// their hops, and the plastic synapse updates.
/// </summary>
public sealed record FeedbackCost
{
    public required long SamplesTrained { get; init; }

    public required double ForwardSynapticOpsPerSample { get; init; }

    public required double ReverseSynapticOpsPerSample { get; init; }

    public required double BackwardSpikesPerSample { get; init; }

    public required double SynapticUpdatesPerSample { get; init; }

    public required double ThirdFactorPacketsPerSample { get; init; }

    public required long SaturatedUpdates { get; init; }

    public required long SaturatedBackwardNeurons { get; init; }

    public required long FeedbackRescales { get; init; }

    public required double ForwardEnergyPerSamplePj { get; init; }

    /// <summary>Backward phase, error packets and synaptic updates, pJ per sample.</summary>
    public required double LearningEnergyPerSamplePj { get; init; }

    /// <summary>Plastic synapse memory (F, W, R at the learning width, with row headers), bits.</summary>
    public required long PlasticSynapseBits { get; init; }

    /// <summary>
    /// Learning state beyond inference: per feedback neuron its spike count, mask bit, backward voltage (24 b) and
    /// signed backward count; per plastic axon of W and R the count of arriving spikes (the presynaptic rate).
    /// </summary>
    public required long NeuronLearningStateBits { get; init; }

    public static FeedbackCost Of(ChipFeedbackSnn chip, ChipSpec spec, int timesteps, int backwardTimesteps)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(spec);
        EnergyCoefficients e = spec.Energy;
        LearningCounters c = chip.Counters;
        double samples = Math.Max(1, chip.SamplesTrained);
        double forward = chip.Counters.ForwardEnergyPj(e);
        double learning = (chip.ReverseSynapticOps * e.SynapticOp.Value) + (chip.BackwardNeuronUpdates * e.NeuronUpdateActive.Value)
            + c.UpdateAndThirdFactorEnergyPj(e);
        int n = chip.Layout.Feedback.Post;
        int countBits = Bits(timesteps);
        int backwardBits = Bits(backwardTimesteps) + 1;
        long neuronBits = (long)n * (countBits + 1 + 24 + backwardBits);
        long axonBits = ((long)chip.Layout.Feedback.Slices.Count + 1) * n * countBits;
        return new FeedbackCost
        {
            SamplesTrained = chip.SamplesTrained,
            ForwardSynapticOpsPerSample = chip.Counters.ForwardSynapticOps / samples,
            ReverseSynapticOpsPerSample = chip.ReverseSynapticOps / samples,
            BackwardSpikesPerSample = chip.BackwardSpikes / samples,
            SynapticUpdatesPerSample = c.SynapticUpdates / samples,
            ThirdFactorPacketsPerSample = c.ThirdFactorPackets / samples,
            SaturatedUpdates = c.SaturatedUpdates,
            SaturatedBackwardNeurons = chip.SaturatedBackwardNeurons,
            FeedbackRescales = chip.FeedbackRescales,
            ForwardEnergyPerSamplePj = forward / samples,
            LearningEnergyPerSamplePj = learning / samples,
            PlasticSynapseBits = chip.Layout.Image.Cores.Sum(core => SynapseMemory.CoreBits(core, spec)),
            NeuronLearningStateBits = neuronBits + axonBits,
        };
    }

    /// <summary>Bits of an unsigned counter up to <paramref name="max"/>.</summary>
    private static int Bits(int max) => (int)Math.Ceiling(Math.Log2(max + 1));
}
