using NeuroChip.OnChipLearning.Training;

namespace NeuroChip.Pipeline.Learning;

/// <summary>What learning cost on the chip, per training sample, with the coefficients it was priced at.</summary>
public sealed record LearningCost
{
    public required long SamplesTrained { get; init; }

    public required double SynapticUpdatesPerSample { get; init; }

    public required double ThirdFactorPacketsPerSample { get; init; }

    public required double SynapticOpsPerSample { get; init; }

    public required long SaturatedUpdates { get; init; }

    /// <summary>Learning energy per sample: synaptic updates and third-factor traffic, pJ.</summary>
    public required double LearningEnergyPerSamplePj { get; init; }

    /// <summary>Forward (inference) energy per training sample on the chip: synaptic ops, neuron updates, spike traffic, pJ.</summary>
    public required double ForwardEnergyPerSamplePj { get; init; }

    /// <summary>Plastic synapse memory, bits (weights at the learning width).</summary>
    public required long PlasticSynapseBits { get; init; }

    /// <summary>Learning state per neuron beyond inference (traces, delay line, counters), bits in all.</summary>
    public required long NeuronLearningStateBits { get; init; }

    /// <summary>Per-synapse accumulators OTTT_A needs beyond the first layer, bits.</summary>
    public required long AccumulatorBits { get; init; }

    /// <summary>HLOP: lateral synapse reads (y = H·x, x̂ = Hᵀ·y, projections) per training sample.</summary>
    public double LateralSynapticOpsPerSample { get; init; }

    /// <summary>HLOP: lateral synapse writes (momentum registers and H) per training sample.</summary>
    public double LateralSynapticUpdatesPerSample { get; init; }

    /// <summary>HLOP: energy of the lateral neurons per training sample (reads, writes, partial sums), pJ.</summary>
    public double LateralEnergyPerSamplePj { get; init; }

    /// <summary>HLOP: memory the lateral neurons reserve: H, registers and batch buffers, bits.</summary>
    public long LateralMemoryBits { get; init; }

    /// <summary>HLOP: cores holding the lateral neurons.</summary>
    public int LateralCores { get; init; }

    /// <summary>OPZO and zeroth order: the noise scale α as the chip applied it (on the activity, a whole number of 1/64ths of a spike).</summary>
    public double? AppliedNoiseScale { get; init; }

    public required IReadOnlyList<string> Coefficients { get; init; }
}

/// <summary>The result of <c>neurochip train</c>: accuracy per epoch and, on the chip, what learning cost.</summary>
public sealed record LearningReport
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string Dataset { get; init; }

    public required string Network { get; init; }

    public required int TrainSamples { get; init; }

    public required int TestSamples { get; init; }

    public required TrainOptions Options { get; init; }

    public required IReadOnlyList<EpochResult> Epochs { get; init; }

    public required double FinalTestAccuracy { get; init; }

    public required double TrainingSeconds { get; init; }

    public required double SamplesPerSecond { get; init; }

    public LearningCost? Chip { get; init; }

    /// <summary>Chip capabilities the rule needs (e.g. reverse synapse access for Wᵀ) and whether the chosen chip offers them.</summary>
    public IReadOnlyList<string> RequiredCapabilities { get; init; } = [];

    /// <summary>HLOP: lateral subspace neurons and their synapse memory (H at 16 bits per weight in float, at the chip's width on the chip).</summary>
    public int LateralNeurons { get; init; }

    public long LateralSynapseBits { get; init; }

    public string? ImageFile { get; init; }
}
