using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
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

    /// <summary>Cores holding the rows; <see cref="LayerSlice.FirstNeuron"/> is the slice's first row.</summary>
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

/// <summary>Places HLOP's lateral neurons on the cores after the learning network's, counting every bit they keep.</summary>
public static class LateralLayout
{
    /// <summary>Bits of one stored presynaptic sample value: Q8 in [0, 1] is 0..256.</summary>
    public const int SampleBits = 9;

    /// <summary>
    /// Lateral layers for every weight layer of <paramref name="net"/>, on cores from <paramref name="firstCore"/> on.
    /// Refuses, with the numbers, lateral neurons that do not fit one core or the chip's remaining cores.
    /// </summary>
    public static IReadOnlyList<LateralLayer> Plan(SnnSpec net, ChipSpec chip, HlopSpec spec, int tasks, int firstCore)
    {
        int[] sizes = net.Sizes;
        int weightBits = Math.Max(chip.Formats.WeightMantissaBits, chip.Formats.LearningWeightBits);
        int registerBits = spec.Momentum > 0 || spec.BatchSize > 1 ? chip.Formats.StateBits : 0;
        string registerText = registerBits > 0 ? $" + {registerBits}-bit momentum/batch register" : "";
        var plans = new List<(int Layer, int Inputs, int Rows, int PerCore)>();
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int n = sizes[l];
            int rows = spec.TotalRows(tasks, l, n);
            long batchBits = (long)spec.BatchSize * n * SampleBits;
            int perCore = rows == 0 ? 1 : RowsPerCore(chip, n, weightBits + registerBits, batchBits);
            if (perCore < 1)
            {
                throw new UserInputException(
                    $"HLOP's lateral neurons of weight layer {l + 1} do not fit one core: {n} synapses per neuron ({weightBits}-bit H{registerText}) and a batch buffer of {spec.BatchSize} × {n} samples exceed chip '{chip.Name}''s {chip.Core.SynapseMemoryBits:N0} bits of synapse memory per core. Use --hlop-batch 1 and --hlop-momentum 0, or a chip with more synapse memory per core.");
            }

            plans.Add((l, n, rows, perCore));
        }

        int needed = plans.Sum(p => (p.Rows + p.PerCore - 1) / p.PerCore);
        if (firstCore + needed > chip.CoreCount)
        {
            string rows = string.Join(", ", plans.Select(p => $"{p.Rows} rows × {p.Inputs} inputs"));
            throw new UserInputException(
                $"HLOP's lateral neurons do not fit chip '{chip.Name}': the network takes {firstCore} of its {chip.CoreCount} cores and the lateral neurons for {tasks} task(s) ({rows}; {weightBits}-bit H{registerText}, batch buffer of {spec.BatchSize} samples) need {needed} more. Use fewer HLOP rows (--hlop-first, --hlop-later) or tasks, --hlop-batch 1 and --hlop-momentum 0, or a chip with more cores.");
        }

        var layers = new List<LateralLayer>();
        int core = firstCore;
        foreach ((int l, int n, int rows, int perCore) in plans)
        {
            var slices = new List<LayerSlice>();
            for (int first = 0; first < rows; first += perCore)
            {
                slices.Add(new LayerSlice(core++, first, Math.Min(perCore, rows - first)));
            }

            layers.Add(new LateralLayer { Index = l, Inputs = n, Rows = rows, Slices = slices, WeightBits = weightBits, RegisterBits = registerBits, BatchSamples = spec.BatchSize });
        }

        return layers;
    }

    /// <summary>Lateral neurons with <paramref name="inputs"/> dense synapses of <paramref name="bitsPerSynapse"/> each that fit one core beside <paramref name="reservedBits"/>.</summary>
    public static int RowsPerCore(ChipSpec chip, int inputs, int bitsPerSynapse, long reservedBits)
    {
        if (inputs > chip.Core.MaxFanInAxons)
        {
            return 0;
        }

        long free = chip.Core.SynapseMemoryBits - ((long)inputs * chip.Formats.RowHeaderBits) - reservedBits;
        return free <= 0 ? 0 : (int)Math.Min(free / ((long)inputs * bitsPerSynapse), chip.Core.MaxNeurons);
    }

    /// <summary>
    /// The image's core for one slice of lateral neurons: H rows start at zero (rows are written when the schedule
    /// grows them); nothing routes to the core and its neurons never fire, since the lateral loop runs in the learn phase.
    /// </summary>
    public static CoreConfig Core(LateralLayer layer, LayerSlice slice) => new()
    {
        CoreId = slice.CoreId,
        Label = $"HLOP lateral, layer {layer.Index + 1} [{slice.FirstNeuron}..{slice.FirstNeuron + slice.Count - 1}]",
        Profiles = [new NeuronProfile { DecayU = BitWidths.DecayMax, DecayV = BitWidths.DecayMax, ThresholdMantissa = BitWidths.ThresholdMantissaMax }],
        Neurons = NeuronTable.Uniform(slice.Count),
        Axons = Enumerable.Range(0, layer.Inputs)
            .Select(_ => (SynapseRow)new DenseRow { FirstTarget = 0, Weights = new short[slice.Count], WeightBits = layer.WeightBits, WeightExponent = 0 })
            .ToArray(),
        Routes = RouteTable.Empty(slice.Count),
    };
}
