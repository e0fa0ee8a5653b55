using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.OnChipLearning.Network;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>
/// Describes a <see cref="SnnSpec"/> for learning on a chip and has the compiler lay it out
/// (<see cref="PlasticCompiler"/>): every weight layer as dense plastic rows (one per presynaptic neuron), hidden
/// neurons as LIF with soft reset (u carries the tick's input only, v leaks by λ), the readout as neurons whose u the
/// controller reads. The input is a spike port whose channel j carries pixel j as a graded payload. With
/// <see cref="ChipLearningOptions.Hlop"/>, HLOP's lateral neurons are populations of their own
/// (<see cref="LateralLayout"/>); a network whose neurons do not fit fails with the compiler's per-core limit message.
/// </summary>
public sealed class LearningLayout : CompiledLayout
{
    private LearningLayout(PlasticCompilation compilation, IReadOnlyList<PlasticLayer> layers, IReadOnlyList<LateralLayer> lateral, long theta, long readoutUnit)
        : base(compilation, readoutUnit)
    {
        Layers = layers;
        Lateral = lateral;
        ThresholdUnits = theta;
    }

    public IReadOnlyList<PlasticLayer> Layers { get; }

    /// <summary>HLOP's lateral neurons per weight layer (empty without HLOP).</summary>
    public IReadOnlyList<LateralLayer> Lateral { get; }

    /// <summary>θ in v-register units.</summary>
    public long ThresholdUnits { get; }

    public static LearningLayout Build(SnnSpec net, ChipSpec chip, ChipLearningOptions options, bool spikingOutput, IReadOnlyList<float[]> initialWeights)
    {
        var errors = net.Validate().Concat(options.Validate(chip)).ToList();
        if (errors.Count > 0)
        {
            throw new UserInputException("Invalid on-chip learning setup:\n  " + string.Join("\n  ", errors));
        }

        int[] sizes = net.Sizes;
        long theta = 1L << options.ThresholdLog2;
        long readout = 1L << options.ReadoutLog2;
        int decayV = (int)Math.Round(BitWidths.DecayUnity / net.Tau);
        var hiddenProfile = new NeuronProfile
        {
            DecayU = BitWidths.DecayMax,
            DecayV = Math.Min(BitWidths.DecayMax, decayV),
            ThresholdMantissa = (int)(theta >> BitWidths.ThresholdShift),
            Reset = ResetMode.Subtract,
        };

        var populations = new List<PlasticPopulationSpec>();
        var projections = new List<PlasticProjectionSpec>();
        var scales = new List<PlasticScale>();
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            bool spiking = l < sizes.Length - 2 || spikingOutput;
            int payloadLog2 = l == 0 ? (int)Math.Round(Math.Log2(options.PayloadScale)) : options.HiddenPayloadLog2;
            PlasticScale scale = PlasticScale.For(options.WeightRange, options.WeightBits, spiking ? theta : readout, BitWidths.ActivationShift + payloadLog2);
            NeuronProfile profile = !spiking ? ReadoutProfile : l + 1 < sizes.Length - 1 ? hiddenProfile with { SpikePayload = 1 << options.HiddenPayloadLog2 } : hiddenProfile;
            populations.Add(new PlasticPopulationSpec(spiking ? $"layer {l + 1}" : "readout", sizes[l + 1], profile));
            ProjectionSource source = l == 0 ? new ProjectionSource(SourceKind.Input, 0) : new ProjectionSource(SourceKind.Population, l - 1);
            projections.Add(new PlasticProjectionSpec($"W{l + 1}", source, l, sizes[l], sizes[l + 1], scale.Quantise(initialWeights[l]), scale));
            scales.Add(scale);
        }

        int readoutPopulation = populations.Count - 1;
        IReadOnlyList<LateralPlan> lateral = options.Hlop is null ? [] : LateralLayout.Describe(net, chip, options.Hlop, options.HlopTasks, populations, projections);
        var spec = new PlasticNetworkSpec($"learning network {net}", sizes[0], populations, projections, readoutPopulation);
        PlasticCompilation compiled = PlasticCompiler.Compile(spec, chip);
        var layers = scales.Select((s, l) => s.Layer(l, sizes[l], sizes[l + 1], compiled.Slices[l], l < sizes.Length - 2 || spikingOutput)).ToList();
        return new LearningLayout(compiled, layers, lateral.Select(p => p.On(compiled)).ToList(), theta, readout);
    }

    /// <summary>A linear readout: u carries the tick's input and the neuron never fires.</summary>
    internal static NeuronProfile ReadoutProfile { get; } = new() { DecayU = BitWidths.DecayMax, DecayV = BitWidths.DecayMax, ThresholdMantissa = BitWidths.ThresholdMantissaMax };
}
