using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.OnChipLearning.Network;
using NeuroChip.OnChipLearning.Rules;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// One weight layer's HLOP lateral neurons on the chip: cores whose neurons are the subspace neurons and whose
/// dense rows (one per presynaptic axon j, one synapse per lateral neuron r) hold H[r, j] as mantissas of
/// <see cref="WeightBits"/> with <see cref="FractionBits"/> fraction bits (|H| &lt; 2). Next to every H synapse sits a
/// register of <see cref="RegisterBits"/> (momentum, which also sums a batch; none when both are off), and each core
/// keeps the batch's presynaptic samples (<see cref="BatchSamples"/> × n, Q8 in 9 bits) for the lateral loop's passes.
/// </summary>
public sealed record LateralLayer
{
    public required int Index { get; init; }

    /// <summary>Fan-in n of the weight layer: the presynaptic activity the lateral neurons read.</summary>
    public required int Inputs { get; init; }

    /// <summary>Rows reserved: the growth schedule's total over the planned tasks, capped at n.</summary>
    public required int Rows { get; init; }

    /// <summary>Cores holding the rows, as the compiler sliced and placed them; <see cref="LayerSlice.FirstNeuron"/> is the slice's first row.</summary>
    public required IReadOnlyList<LayerSlice> Slices { get; init; }

    public required int WeightBits { get; init; }

    public required int RegisterBits { get; init; }

    public required int BatchSamples { get; init; }

    /// <summary>Fraction bits of H's mantissas: one sign bit and one integer bit.</summary>
    public int FractionBits => WeightBits - 2;

    public long WeightMemoryBits => (long)Rows * Inputs * WeightBits;

    public long RegisterMemoryBits => (long)Rows * Inputs * RegisterBits;

    public long BatchMemoryBits => (long)Slices.Count * BatchSamples * Inputs * LateralLayout.SampleBits;

    public long TotalMemoryBits => WeightMemoryBits + RegisterMemoryBits + BatchMemoryBits;
}

/// <summary>One weight layer's lateral neurons before compilation: what they need, and which population holds them.</summary>
internal sealed record LateralPlan(int Index, int Inputs, int Rows, int WeightBits, int RegisterBits, int BatchSamples, int Population)
{
    /// <summary>The lateral layer on the slices the compiler chose (none when the schedule reserves no rows).</summary>
    public LateralLayer On(PlasticCompilation compiled) => new()
    {
        Index = Index,
        Inputs = Inputs,
        Rows = Rows,
        Slices = Population < 0 ? [] : compiled.Slices[Population],
        WeightBits = WeightBits,
        RegisterBits = RegisterBits,
        BatchSamples = BatchSamples,
    };
}

/// <summary>
/// Describes HLOP's lateral neurons for the compiler: per weight layer one population of subspace neurons with one
/// dense row per presynaptic axon j (H starts at zero; rows are written when the schedule grows them), a momentum/batch
/// register beside every synapse and the batch of presynaptic samples on every core. Nothing routes to the rows and the
/// neurons never fire (<see cref="SourceKind.Local"/>): the lateral loop runs in the learn phase.
/// </summary>
public static class LateralLayout
{
    /// <summary>Bits of one stored presynaptic sample value: Q8 in [0, 1] is 0..256.</summary>
    public const int SampleBits = 9;

    /// <summary>
    /// Adds the lateral populations and rows of every weight layer of <paramref name="net"/> to
    /// <paramref name="populations"/> and <paramref name="projections"/>, reserving the rows the growth schedule
    /// reaches over <paramref name="tasks"/> tasks.
    /// </summary>
    internal static IReadOnlyList<LateralPlan> Describe(SnnSpec net, ChipSpec chip, HlopSpec spec, int tasks, List<PlasticPopulationSpec> populations, List<PlasticProjectionSpec> projections)
    {
        int[] sizes = net.Sizes;
        int weightBits = Math.Max(chip.Formats.WeightMantissaBits, chip.Formats.LearningWeightBits);
        int registerBits = spec.Momentum > 0 || spec.BatchSize > 1 ? chip.Formats.StateBits : 0;
        var plans = new List<LateralPlan>();
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int n = sizes[l];
            int rows = spec.TotalRows(tasks, l, n);
            int population = -1;
            if (rows > 0)
            {
                population = populations.Count;
                populations.Add(new PlasticPopulationSpec($"HLOP lateral, layer {l + 1}", rows, LearningLayout.ReadoutProfile)
                {
                    LearningBitsPerCore = (long)spec.BatchSize * n * SampleBits,
                });
                projections.Add(new PlasticProjectionSpec($"H{l + 1}", new ProjectionSource(SourceKind.Local, l), population, n, rows, new short[n * rows], new PlasticScale(0, 1, weightBits))
                {
                    LearningBitsPerSynapse = registerBits,
                });
            }

            plans.Add(new LateralPlan(l, n, rows, weightBits, registerBits, spec.BatchSize, population));
        }

        return plans;
    }
}
