using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Network;

namespace NeuroChip.OnChipLearning.Chip;

/// <summary>A contiguous range of a layer's neurons placed on one core.</summary>
public sealed record LayerSlice(int CoreId, int FirstNeuron, int Count);

/// <summary>One weight layer in chip formats: where its post neurons sit and what one mantissa unit is worth.</summary>
public sealed record PlasticLayer
{
    public required int Index { get; init; }

    public required int Pre { get; init; }

    public required int Post { get; init; }

    public required IReadOnlyList<LayerSlice> Slices { get; init; }

    /// <summary>Exponent of every row of the layer.</summary>
    public required int Exponent { get; init; }

    /// <summary>Float weight (threshold or readout units) of one mantissa unit.</summary>
    public required double Lsb { get; init; }

    /// <summary>Whether the post neurons spike (hidden layers, GLSNN's output) or are a linear readout.</summary>
    public required bool Spiking { get; init; }
}

/// <summary>
/// Lays a <see cref="SnnSpec"/> out on a chip for learning: every weight layer as dense plastic rows
/// (one per presynaptic neuron) on as many cores as its synapse memory needs, hidden neurons as LIF
/// with soft reset (u carries the tick's input only, v leaks by λ), the readout as neurons whose u the
/// controller reads. The input is a spike port whose channel j carries pixel j as a graded payload.
/// With <see cref="ChipLearningOptions.Hlop"/>, HLOP's lateral neurons take the cores after the network's
/// (<see cref="LateralLayout"/>), and a network whose lateral neurons do not fit is refused.
/// </summary>
public sealed class LearningLayout
{
    private LearningLayout(ChipImage image, IReadOnlyList<PlasticLayer> layers, IReadOnlyList<LateralLayer> lateral, long theta, long readoutUnit)
    {
        Image = image;
        Layers = layers;
        Lateral = lateral;
        ThresholdUnits = theta;
        ReadoutUnits = readoutUnit;
    }

    public ChipImage Image { get; }

    public IReadOnlyList<PlasticLayer> Layers { get; }

    /// <summary>HLOP's lateral neurons per weight layer, on the cores after the network's (empty without HLOP).</summary>
    public IReadOnlyList<LateralLayer> Lateral { get; }

    /// <summary>θ in v-register units.</summary>
    public long ThresholdUnits { get; }

    /// <summary>One readout unit in u-register units.</summary>
    public long ReadoutUnits { get; }

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
        var readoutProfile = new NeuronProfile { DecayU = BitWidths.DecayMax, DecayV = BitWidths.DecayMax, ThresholdMantissa = BitWidths.ThresholdMantissaMax };

        var layers = new List<PlasticLayer>();
        var cores = new List<CoreConfig>();
        int nextCore = 0;
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            int pre = sizes[l];
            int post = sizes[l + 1];
            bool spiking = l < sizes.Length - 2 || spikingOutput;
            long unit = spiking ? theta : readout;
            int payloadLog2 = l == 0 ? (int)Math.Round(Math.Log2(options.PayloadScale)) : options.HiddenPayloadLog2;
            double lsbTarget = options.WeightRange / ((1 << (options.WeightBits - 1)) - 1);
            int shiftBase = BitWidths.ActivationShift + payloadLog2;
            int exponent = Math.Clamp((int)Math.Round(Math.Log2(lsbTarget * unit)) - shiftBase, BitWidths.WeightExponentMin, BitWidths.WeightExponentMax);
            double lsb = Math.Pow(2, exponent + shiftBase) / unit;
            int perCore = NeuronsPerCore(chip, pre, options.WeightBits);
            if (perCore < 1)
            {
                throw new UserInputException(
                    $"Layer {l + 1} ({pre} inputs per neuron) does not fit: one neuron's {pre} plastic {options.WeightBits}-bit synapses exceed chip '{chip.Name}''s per-core limits (synapse memory {chip.Core.SynapseMemoryBits:N0} bits, fan-in {chip.Core.MaxFanInAxons:N0} axons). Use fewer weight bits or a smaller layer.");
            }

            var slices = new List<LayerSlice>();
            for (int first = 0; first < post; first += perCore)
            {
                if (nextCore >= chip.CoreCount)
                {
                    throw new UserInputException($"Network {net} needs more than the {chip.CoreCount} cores of chip '{chip.Name}' with {options.WeightBits}-bit plastic weights. Use fewer weight bits or a smaller network.");
                }

                slices.Add(new LayerSlice(nextCore++, first, Math.Min(perCore, post - first)));
            }

            layers.Add(new PlasticLayer { Index = l, Pre = pre, Post = post, Slices = slices, Exponent = exponent, Lsb = lsb, Spiking = spiking });
        }

        for (int l = 0; l < layers.Count; l++)
        {
            PlasticLayer layer = layers[l];
            float[] w = initialWeights[l];
            foreach (LayerSlice slice in layer.Slices)
            {
                var rows = new SynapseRow[layer.Pre];
                for (int j = 0; j < layer.Pre; j++)
                {
                    var weights = new short[slice.Count];
                    for (int i = 0; i < slice.Count; i++)
                    {
                        weights[i] = Quantise(w[(j * layer.Post) + slice.FirstNeuron + i], layer.Lsb, options.WeightBits);
                    }

                    rows[j] = new DenseRow { FirstTarget = 0, Weights = weights, WeightBits = options.WeightBits, WeightExponent = layer.Exponent };
                }

                // Spikes of this slice go to the same-numbered axon of every core of the next layer.
                RouteTable routes = l + 1 < layers.Count
                    ? RouteTable.FromLists(Enumerable.Range(0, slice.Count)
                        .Select(i => (IReadOnlyList<(int, int)>)layers[l + 1].Slices.Select(s => (s.CoreId, slice.FirstNeuron + i)).ToList()).ToList())
                    : RouteTable.Empty(slice.Count);
                cores.Add(new CoreConfig
                {
                    CoreId = slice.CoreId,
                    Label = layer.Spiking ? $"layer {l + 1} [{slice.FirstNeuron}..{slice.FirstNeuron + slice.Count - 1}]" : $"readout [{slice.FirstNeuron}..{slice.FirstNeuron + slice.Count - 1}]",
                    Profiles = [!layer.Spiking ? readoutProfile : l + 1 < layers.Count ? hiddenProfile with { SpikePayload = 1 << options.HiddenPayloadLog2 } : hiddenProfile],
                    Neurons = NeuronTable.Uniform(slice.Count),
                    Axons = rows,
                    Routes = routes,
                });
            }
        }

        IReadOnlyList<LateralLayer> lateral = options.Hlop is null ? [] : LateralLayout.Plan(net, chip, options.Hlop, options.HlopTasks, nextCore);
        cores.AddRange(lateral.SelectMany(lat => lat.Slices.Select(slice => LateralLayout.Core(lat, slice))));
        PlasticLayer first0 = layers[0];
        PlasticLayer last = layers[^1];
        var image = new ChipImage
        {
            Chip = chip,
            Cores = cores,
            SpikeInputs =
            [
                new SpikePort
                {
                    Name = "in",
                    Channels = RouteTable.FromLists(Enumerable.Range(0, first0.Pre)
                        .Select(j => (IReadOnlyList<(int, int)>)first0.Slices.Select(s => (s.CoreId, j)).ToList()).ToList()),
                },
            ],
            Readouts =
            [
                new NeuronPort
                {
                    Name = "out",
                    Cores = last.Slices.SelectMany(s => Enumerable.Repeat(s.CoreId, s.Count)).ToArray(),
                    Neurons = last.Slices.SelectMany(s => Enumerable.Range(0, s.Count)).ToArray(),
                },
            ],
        };
        ChipImageValidator.ThrowIfInvalid(image, $"learning network {net}");
        return new LearningLayout(image, layers, lateral, theta, readout);
    }

    /// <summary>Round to the nearest mantissa, saturating at the signed range of <paramref name="bits"/>.</summary>
    public static short Quantise(double w, double lsb, int bits)
    {
        int max = (1 << (bits - 1)) - 1;
        return (short)Math.Clamp((int)Math.Round(w / lsb), -max, max);
    }

    /// <summary>How many post neurons with <paramref name="pre"/> dense plastic inputs each fit on one core.</summary>
    public static int NeuronsPerCore(ChipSpec chip, int pre, int weightBits)
    {
        if (pre > chip.Core.MaxFanInAxons)
        {
            return 0;
        }

        long header = (long)pre * chip.Formats.RowHeaderBits;
        long perNeuron = (long)pre * weightBits;
        long fit = (chip.Core.SynapseMemoryBits - header) / perNeuron;
        return (int)Math.Min(fit, chip.Core.MaxNeurons);
    }
}
