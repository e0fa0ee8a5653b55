using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>How a learning network is laid out in the chip's fixed-point formats.</summary>
public sealed record ChipLearningOptions
{
    /// <summary>Width of the plastic weight mantissas (8 = inference format; up to the spec's learning weight bits).</summary>
    public int WeightBits { get; init; } = 16;

    /// <summary>Float range the weight mantissas must cover (|w| ≤ range, threshold units).</summary>
    public double WeightRange { get; init; } = 2;

    /// <summary>log2 of the threshold in v-register units (θ = 2^k); u holds |input| &lt; 2^(23 − k) thresholds per tick.</summary>
    public int ThresholdLog2 { get; init; } = 20;

    /// <summary>log2 of the readout's unit in u-register units (outputs up to ±2^(23 − k) are read without wrap).</summary>
    public int ReadoutLog2 { get; init; } = 18;

    /// <summary>Input payload for a sample value x ∈ [0, 1]: round(x · scale); 256 makes the payload the value in Q8.</summary>
    public int PayloadScale { get; init; } = 256;

    /// <summary>
    /// log2 of the payload the hidden neurons' spikes carry: 0 sends binary spikes; k &gt; 0 makes them graded with
    /// payload 2^k (a spike is 2^k, the next layer's rows carry k fewer exponent bits), so a graded offset of o adds
    /// o / 2^k of a spike — how node-perturbation noise on the activity (OPZO) travels between cores.
    /// </summary>
    public int HiddenPayloadLog2 { get; init; }

    /// <summary>Width of the third factor's mantissa carried by a modulatory packet.</summary>
    public int ThirdFactorBits { get; init; } = 16;

    /// <summary>HLOP's lateral subspace neurons on every weight layer (null = none).</summary>
    public HlopSpec? Hlop { get; init; }

    /// <summary>Tasks the lateral neurons are laid out for: memory is reserved for the rows the growth schedule reaches after them.</summary>
    public int HlopTasks { get; init; } = 1;

    /// <summary>
    /// Most worker threads the event engine spreads the cores over (<see cref="EventSim.Engine.SimulatorOptions.Threads"/>);
    /// the weights learned are the same for any count. The learning controller runs at the barrier, on one thread.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Work each engine worker must have before another is added (<see cref="EventSim.Engine.SimulatorOptions.MinWorkPerWorker"/>):
    /// small networks run on fewer workers than <see cref="Threads"/>; 0 uses every worker asked for.
    /// </summary>
    public long MinWorkPerWorker { get; init; } = new EventSim.Engine.SimulatorOptions().MinWorkPerWorker;

    public IReadOnlyList<string> Validate(EventSim.Model.ChipSpec chip)
    {
        var errors = new List<string>();
        if (Hlop is not null)
        {
            errors.AddRange(Hlop.Validate());
            if (HlopTasks < 1)
            {
                errors.Add($"HLOP tasks {HlopTasks}: the lateral neurons are laid out for at least one task.");
            }
        }

        int maxBits = Math.Max(chip.Formats.WeightMantissaBits, chip.Formats.LearningWeightBits);
        if (WeightBits < 2 || WeightBits > maxBits)
        {
            errors.Add($"weight bits {WeightBits}: chip '{chip.Name}' stores learning weights of 2..{maxBits} bits (formats.learningWeightBits). Use a chip with wider learning weights, e.g. 'nc-learn'.");
        }

        if (ThresholdLog2 < 8 || ThresholdLog2 > 22)
        {
            errors.Add($"threshold log2 {ThresholdLog2}: must be in 8..22 (the threshold mantissa is 17 bits, shifted by 6).");
        }

        if (HiddenPayloadLog2 < 0 || HiddenPayloadLog2 > 8)
        {
            errors.Add($"hidden payload log2 {HiddenPayloadLog2}: must be in 0..8 (0 sends binary spikes; graded payloads up to 256 keep the next layer's weight exponent in range).");
        }

        if (Threads < 1)
        {
            errors.Add($"threads {Threads}: the event engine needs at least 1 worker thread.");
        }

        if (MinWorkPerWorker < 0)
        {
            errors.Add($"minimum work per worker {MinWorkPerWorker}: must be 0 (use every thread) or more.");
        }

        if (!(WeightRange > 0))
        {
            errors.Add($"weight range {WeightRange}: must be positive.");
        }

        return errors;
    }
}
