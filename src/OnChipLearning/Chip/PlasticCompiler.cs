using NeuroChip.EventSim.Model;
using NeuroChip.Mapping;
using NeuroChip.Mapping.Graph;
using NeuroChip.Mapping.Lowering;
using NeuroChip.Mapping.Quantization;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>A learning network compiled: the image, the compiler's reports, and each population's slices on the chip.</summary>
public sealed record PlasticCompilation(CompilationResult Result, IReadOnlyList<IReadOnlyList<LayerSlice>> Slices)
{
    public ChipImage Image => Result.Image;
}

/// <summary>
/// Hands a <see cref="PlasticNetworkSpec"/> to Mapping's <see cref="Compiler"/> as an already quantised network, so a
/// learning image is partitioned against the same per-core limits, placed by the same traffic-aware placer and proved
/// by the same <see cref="Mapping.Routing.RouteChecker"/> as an inference image.
/// </summary>
public static class PlasticCompiler
{
    public static PlasticCompilation Compile(PlasticNetworkSpec spec, ChipSpec chip, CompilerOptions? options = null)
    {
        var network = new QuantizedNetwork
        {
            Populations = spec.Populations.Select(Population).ToList(),
            Inputs = [new QuantizedInput { Name = "in", Size = spec.InputSize, Encoding = InputEncoding.Spikes }],
            Projections = spec.Projections.Select(Projection).ToList(),
            Readouts = [new LoweredReadout("out", spec.ReadoutPopulation)],
        };
        CompilationResult result = Compiler.Compile(network, new QuantizationStats([]), chip, options);
        ChipImageValidator.ThrowIfInvalid(result.Image, spec.Description);
        var slices = new List<IReadOnlyList<LayerSlice>>();
        for (int p = 0; p < spec.Populations.Count; p++)
        {
            slices.Add(result.Partition.Slices
                .Where(s => s.Population == p)
                .Select(s => new LayerSlice(result.CoreOfSlice[s.Index], s.FirstNeuron, s.NeuronCount, s.Index))
                .ToList());
        }

        return new PlasticCompilation(result, slices);
    }

    private static QuantizedPopulation Population(PlasticPopulationSpec p) => new()
    {
        Name = p.Name,
        NodeKind = "Plastic",
        Size = p.Size,
        Profiles = [p.Profile],
        ProfileIndex = new int[p.Size],
        BiasMantissa = new int[p.Size],
        BiasExponent = new int[p.Size],
        InitialV = Enumerable.Repeat(p.InitialV, p.Size).ToArray(),
        InitialU = new int[p.Size],
        Scale = 1,
        LearningBitsPerCore = p.LearningBitsPerCore,
    };

    private static QuantizedProjection Projection(PlasticProjectionSpec j) => new()
    {
        Name = j.Name,
        Source = j.Source,
        TargetPopulation = j.Target,
        Layout = SynapseLayout.Dense(j.Pre, j.Post, 0),
        Mantissas = j.Mantissas,
        RowExponents = Enumerable.Repeat((sbyte)j.Scale.Exponent, j.Pre).ToArray(),
        WeightBits = j.Scale.WeightBits,
        Plastic = true,
        LearningBitsPerSynapse = j.LearningBitsPerSynapse,
    };
}
