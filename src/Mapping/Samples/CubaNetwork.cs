using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Partitioning;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.Mapping.Samples;

/// <summary>
/// The CUBA benchmark network (<see cref="CubaSpec"/>) compiled to a <see cref="ChipImage"/> by the <see cref="Compiler"/>:
/// one population of LIF neurons and two sparse recurrent projections, excitatory (rows of neurons
/// 0 .. ExcitatoryCount − 1) and inhibitory (the rest), each with its own weight and exponent
/// (<see cref="CubaFixedPoint"/>); delays 0, so a spike at tick t reaches its targets' u at t + 1. The compiler
/// splits the population against the chip's per-core limits, places the slices by traffic and checks every route.
/// </summary>
public sealed record CubaNetwork
{
    public required ChipImage Image { get; init; }

    /// <summary>The compiler's result: partition, placement, routes and the route check.</summary>
    public required CompilationResult Compilation { get; init; }

    public required CubaSpec Spec { get; init; }

    public required CubaFixedPoint FixedPoint { get; init; }

    /// <summary>Synapses in the network (pairs i → j, i ≠ j, that were drawn).</summary>
    public required long SynapseCount { get; init; }

    /// <summary>Synapse memory of all cores, bits (<see cref="SynapseMemory.CoreBits"/>, row headers included).</summary>
    public required long SynapseMemoryBits { get; init; }

    /// <summary>Out-degree (synapse count) of every neuron, by global index.</summary>
    public required int[] OutDegree { get; init; }

    /// <summary>The core that holds neuron <paramref name="neuron"/> (global index) and the neuron's index on it.</summary>
    public (int CoreId, int Local) Locate(int neuron)
    {
        CoreSlice slice = Compilation.Partition.Slices[Compilation.Partition.SliceOf(0, neuron)];
        return (Compilation.CoreOfSlice[slice.Index], neuron - slice.FirstNeuron);
    }

    /// <summary>Builds the network on <paramref name="chip"/>, drawing connectivity and initial potentials from <see cref="CubaSpec.Seed"/>.</summary>
    public static CubaNetwork Build(ChipSpec chip, CubaSpec spec)
    {
        CubaFixedPoint fixedPoint = CubaFixedPoint.Derive(spec);
        var random = new Random(spec.Seed);
        int[][] targets = DrawTargets(spec, random);
        int n = spec.NeuronCount;
        int topOfRange = fixedPoint.ThresholdMantissa << BitWidths.ThresholdShift;
        var initialV = new int[n];
        for (int i = 0; i < n; i++)
        {
            initialV[i] = (int)(random.NextDouble() * topOfRange);
        }

        var population = new QuantizedPopulation
        {
            Name = "cuba",
            NodeKind = "CubaLIF",
            Size = n,
            Profiles =
            [
                new NeuronProfile
                {
                    DecayU = fixedPoint.DecayU,
                    DecayV = fixedPoint.DecayV,
                    ThresholdMantissa = fixedPoint.ThresholdMantissa,
                    Reset = ResetMode.Zero,
                    RefractoryTicks = fixedPoint.RefractoryTicks,
                },
            ],
            ProfileIndex = new int[n],
            BiasMantissa = Enumerable.Repeat(fixedPoint.BiasMantissa, n).ToArray(),
            BiasExponent = Enumerable.Repeat(fixedPoint.BiasExponent, n).ToArray(),
            InitialV = initialV,
            InitialU = new int[n],
            Scale = fixedPoint.StateUnitsPerMv / (1 << BitWidths.ActivationShift),
        };
        var network = new QuantizedNetwork
        {
            Populations = [population],
            Inputs = [],
            Projections =
            [
                Projection("excitatory", targets, 0, spec.ExcitatoryCount, fixedPoint.Excitatory),
                Projection("inhibitory", targets, spec.ExcitatoryCount, n, fixedPoint.Inhibitory),
            ],
            Readouts = [],
        };
        CompilationResult compiled = Compiler.Compile(network, new QuantizationStats([]), chip);
        ChipImageValidator.ThrowIfInvalid(compiled.Image, "CUBA network");
        return new CubaNetwork
        {
            Image = compiled.Image,
            Compilation = compiled,
            Spec = spec,
            FixedPoint = fixedPoint,
            SynapseCount = targets.Sum(t => (long)t.Length),
            SynapseMemoryBits = compiled.Image.Cores.Sum(c => SynapseMemory.CoreBits(c, chip)),
            OutDegree = targets.Select(t => t.Length).ToArray(),
        };
    }

    /// <summary>The recurrent synapses of sources [<paramref name="first"/>, <paramref name="end"/>), all of weight <paramref name="weight"/>; other rows are empty.</summary>
    private static QuantizedProjection Projection(string name, int[][] targets, int first, int end, RowWeight weight)
    {
        var offsets = new int[targets.Length + 1];
        for (int i = 0; i < targets.Length; i++)
        {
            offsets[i + 1] = offsets[i] + (i >= first && i < end ? targets[i].Length : 0);
        }

        var all = new int[offsets[^1]];
        for (int i = first; i < end; i++)
        {
            targets[i].CopyTo(all, offsets[i]);
        }

        return new QuantizedProjection
        {
            Name = name,
            Source = new ProjectionSource(SourceKind.Population, 0),
            TargetPopulation = 0,
            Layout = SynapseLayout.Sparse(targets.Length, offsets, all, null),
            Mantissas = Enumerable.Repeat((short)weight.Mantissa, all.Length).ToArray(),
            RowExponents = Enumerable.Repeat((sbyte)weight.Exponent, targets.Length).ToArray(),
            WeightBits = weight.Bits,
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
}
