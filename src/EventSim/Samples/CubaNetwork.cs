using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;

namespace NeuroChip.EventSim.Samples;

/// <summary>
/// The CUBA benchmark network (<see cref="CubaSpec"/>) built as a <see cref="ChipImage"/>: neurons in
/// index order split evenly over the fewest cores whose synapse memory, fan-in axons and fan-out routes
/// hold the network; on each core, one sparse row (one fan-in axon) per presynaptic neuron that has
/// targets there, with the excitatory or inhibitory weight and that row's exponent
/// (<see cref="CubaFixedPoint"/>); delays 0, so a spike at tick t reaches its targets' u at t + 1.
/// </summary>
public sealed record CubaNetwork
{
    public required ChipImage Image { get; init; }

    public required CubaSpec Spec { get; init; }

    public required CubaFixedPoint FixedPoint { get; init; }

    /// <summary>Synapses in the network (pairs i → j, i ≠ j, that were drawn).</summary>
    public required long SynapseCount { get; init; }

    /// <summary>Synapse memory of all cores, bits (<see cref="SynapseMemory.CoreBits"/>, row headers included).</summary>
    public required long SynapseMemoryBits { get; init; }

    /// <summary>Out-degree (synapse count) of every neuron, by global index.</summary>
    public required int[] OutDegree { get; init; }

    /// <summary>Global index of the first neuron of each core (image order), plus the neuron count at the end.</summary>
    public required int[] CoreFirstNeuron { get; init; }

    /// <summary>Builds the network on <paramref name="chip"/>, drawing connectivity and initial potentials from <see cref="CubaSpec.Seed"/>.</summary>
    public static CubaNetwork Build(ChipSpec chip, CubaSpec spec)
    {
        CubaFixedPoint fixedPoint = CubaFixedPoint.Derive(spec);
        var random = new Random(spec.Seed);
        int[][] targets = DrawTargets(spec, random);
        int[] firstNeuron = ChooseSplit(chip, spec, fixedPoint, targets);
        int coreCount = firstNeuron.Length - 1;

        var profile = new NeuronProfile
        {
            DecayU = fixedPoint.DecayU,
            DecayV = fixedPoint.DecayV,
            ThresholdMantissa = fixedPoint.ThresholdMantissa,
            Reset = ResetMode.Zero,
            RefractoryTicks = fixedPoint.RefractoryTicks,
        };
        int[] coreOf = new int[spec.NeuronCount];
        for (int c = 0; c < coreCount; c++)
        {
            Array.Fill(coreOf, c, firstNeuron[c], firstNeuron[c + 1] - firstNeuron[c]);
        }

        // Rows: for each core, one axon per presynaptic neuron with targets there, in presynaptic order.
        var rows = new List<SynapseRow>[coreCount];
        var routes = new List<(int Core, int Axon)>[spec.NeuronCount];
        for (int c = 0; c < coreCount; c++)
        {
            rows[c] = [];
        }

        var local = new List<int>();
        for (int i = 0; i < spec.NeuronCount; i++)
        {
            routes[i] = [];
            RowWeight weight = i < spec.ExcitatoryCount ? fixedPoint.Excitatory : fixedPoint.Inhibitory;
            int[] all = targets[i];
            int k = 0;
            while (k < all.Length)
            {
                int core = coreOf[all[k]];
                local.Clear();
                while (k < all.Length && coreOf[all[k]] == core)
                {
                    local.Add(all[k++] - firstNeuron[core]);
                }

                routes[i].Add((core, rows[core].Count));
                rows[core].Add(new SparseRow
                {
                    WeightBits = weight.Bits,
                    WeightExponent = weight.Exponent,
                    Weights = Enumerable.Repeat((short)weight.Mantissa, local.Count).ToArray(),
                    Targets = [.. local],
                });
            }
        }

        int topOfRange = fixedPoint.ThresholdMantissa << BitWidths.ThresholdShift;
        var cores = new CoreConfig[coreCount];
        for (int c = 0; c < coreCount; c++)
        {
            int first = firstNeuron[c];
            int count = firstNeuron[c + 1] - first;
            NeuronTable neurons = NeuronTable.Uniform(count, 0, fixedPoint.BiasMantissa, fixedPoint.BiasExponent);
            for (int n = 0; n < count; n++)
            {
                neurons.InitialV[n] = (int)(random.NextDouble() * topOfRange);
            }

            cores[c] = new CoreConfig
            {
                CoreId = c,
                Label = $"cuba neurons {first}..{first + count - 1}",
                Profiles = [profile],
                Neurons = neurons,
                Axons = rows[c],
                Routes = RouteTable.FromLists(routes[first..(first + count)]),
            };
        }

        var image = new ChipImage { Chip = chip, Cores = cores };
        ChipImageValidator.ThrowIfInvalid(image, "CUBA network");
        return new CubaNetwork
        {
            Image = image,
            Spec = spec,
            FixedPoint = fixedPoint,
            SynapseCount = targets.Sum(t => (long)t.Length),
            SynapseMemoryBits = cores.Sum(c => SynapseMemory.CoreBits(c, chip)),
            OutDegree = targets.Select(t => t.Length).ToArray(),
            CoreFirstNeuron = firstNeuron,
        };
    }

    /// <summary>
    /// Targets of every neuron, ascending: each pair i → j (j ≠ i) is present with probability p,
    /// drawn by geometric skipping (gap = ⌊ln U / ln(1 − p)⌋), which has the same distribution as one
    /// Bernoulli trial per pair.
    /// </summary>
    private static int[][] DrawTargets(CubaSpec spec, Random random)
    {
        int n = spec.NeuronCount;
        double logMiss = Math.Log(1 - spec.ConnectionProbability);
        var targets = new int[n][];
        var list = new List<int>();
        for (int i = 0; i < n; i++)
        {
            list.Clear();
            long k = -1;
            while (true)
            {
                k += 1 + (long)Math.Floor(Math.Log(1 - random.NextDouble()) / logMiss);
                if (k >= n - 1)
                {
                    break;
                }

                list.Add(k < i ? (int)k : (int)k + 1);   // candidates are 0..n−1 without i
            }

            targets[i] = [.. list];
        }

        return targets;
    }

    /// <summary>The fewest cores (even contiguous split) for which every core respects the chip's per-core limits.</summary>
    private static int[] ChooseSplit(ChipSpec chip, CubaSpec spec, CubaFixedPoint fixedPoint, int[][] targets)
    {
        int n = spec.NeuronCount;
        int indexBits = SynapseMemory.IndexBits(chip.Core.MaxNeurons);
        var reasons = new List<string>();
        for (int cores = (n + chip.Core.MaxNeurons - 1) / chip.Core.MaxNeurons; cores <= chip.CoreCount; cores++)
        {
            int[] first = Enumerable.Range(0, cores + 1).Select(c => (int)((long)c * n / cores)).ToArray();
            var bits = new long[cores];
            var axons = new int[cores];
            var routes = new int[cores];
            for (int i = 0; i < n; i++)
            {
                int source = Array.BinarySearch(first, i);
                source = source >= 0 ? source : ~source - 1;
                int weightBits = i < spec.ExcitatoryCount ? fixedPoint.Excitatory.Bits : fixedPoint.Inhibitory.Bits;
                int[] all = targets[i];
                int k = 0;
                int core = 0;
                while (k < all.Length)
                {
                    while (all[k] >= first[core + 1])
                    {
                        core++;
                    }

                    int count = 0;
                    while (k < all.Length && all[k] < first[core + 1])
                    {
                        count++;
                        k++;
                    }

                    bits[core] += SynapseMemory.SparseBits(count, weightBits, false, indexBits, chip.Formats.RowHeaderBits);
                    axons[core]++;
                    routes[source]++;
                }
            }

            int worst = Enumerable.Range(0, cores).MaxBy(c => bits[c]);
            if (bits.Max() <= chip.Core.SynapseMemoryBits && axons.Max() <= chip.Core.MaxFanInAxons && routes.Max() <= chip.Core.MaxFanOutRoutes)
            {
                return first;
            }

            reasons.Add($"{cores} cores: up to {bits[worst]:N0} synapse bits, {axons.Max():N0} fan-in axons, {routes.Max():N0} fan-out routes per core");
        }

        throw new UserInputException(
            $"The CUBA network ({n} neurons) does not fit chip '{chip.Name}' (limits per core: {chip.Core.SynapseMemoryBits:N0} synapse bits, "
            + $"{chip.Core.MaxFanInAxons:N0} fan-in axons, {chip.Core.MaxFanOutRoutes:N0} fan-out routes): {string.Join("; ", reasons.TakeLast(3))}. Use a larger chip or a smaller network.");
    }
}
