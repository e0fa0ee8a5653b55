using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.OnChipLearning.Network;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>
/// Lays a <see cref="FeedbackSnnSpec"/> out on a chip for SPIDE. Every hidden core holds, for its slice of the n
/// feedback neurons, one dense plastic row per input channel (F, axons 0..I−1) and one per hidden neuron (W, axons
/// I..I+n−1); a hidden spike is routed to its own axon on every hidden core (the recurrence, one tick of latency)
/// and to the readout core, whose dense rows hold R and whose u the controller reads. Hidden neurons are IF
/// (u carries the tick's input, v does not leak) with threshold θ' = 2·V_th and subtractive reset, starting at
/// v = V_th + 1 LSB: the chip's "fire when v &gt; θ'" is then SPIDE's "fire when u ≥ V_th, subtract 2·V_th".
/// </summary>
public sealed class FeedbackLayout
{
    /// <summary>Weight range of the readout: its weights grow larger than F's and W's.</summary>
    public const double ReadoutRangeFactor = 4;

    private FeedbackLayout(ChipImage image, PlasticLayer input, PlasticLayer feedback, PlasticLayer readout, long unit, long readoutUnit, int initialV)
    {
        Image = image;
        Input = input;
        Feedback = feedback;
        Readout = readout;
        Unit = unit;
        ReadoutUnits = readoutUnit;
        InitialV = initialV;
    }

    public ChipImage Image { get; }

    /// <summary>F: input channel j → hidden i, rows on the hidden cores (axon j).</summary>
    public PlasticLayer Input { get; }

    /// <summary>W: hidden j → hidden i, rows on the hidden cores (axon I + j); the same slices as <see cref="Input"/>.</summary>
    public PlasticLayer Feedback { get; }

    /// <summary>R: hidden j → output c, rows on the readout core (axon j).</summary>
    public PlasticLayer Readout { get; }

    /// <summary>One float unit (V_th = 1) in v-register units.</summary>
    public long Unit { get; }

    /// <summary>One readout unit in u-register units.</summary>
    public long ReadoutUnits { get; }

    /// <summary>The hidden neurons' initial voltage: V_th in v units plus one.</summary>
    public int InitialV { get; }

    /// <summary>Axon of hidden neuron j's feedback row on every hidden core.</summary>
    public int FeedbackAxon(int j) => Input.Pre + j;

    public static FeedbackLayout Build(FeedbackSnnSpec net, ChipSpec chip, ChipLearningOptions options, float[] f, float[] w, float[] r)
    {
        var errors = net.Validate().Concat(options.Validate(chip)).ToList();
        if (errors.Count > 0)
        {
            throw new UserInputException("Invalid on-chip feedback-network setup:\n  " + string.Join("\n  ", errors));
        }

        int n = net.Hidden;
        long unit = 1L << options.ThresholdLog2;
        long readoutUnit = 1L << options.ReadoutLog2;
        long thetaPrime = (long)Math.Round(net.Reset * unit);
        long initialV = (long)Math.Round(net.Threshold * unit) + 1;
        if ((thetaPrime >> BitWidths.ThresholdShift) > BitWidths.ThresholdMantissaMax || (thetaPrime & ((1 << BitWidths.ThresholdShift) - 1)) != 0 || initialV >= BitWidths.StateLimit)
        {
            throw new UserInputException(
                $"Threshold 2·V_th = {net.Reset} at 2^{options.ThresholdLog2} v units per unit does not fit the chip's 17-bit threshold mantissa (shifted by 6) as a whole number. Use V_th = 1 or a smaller threshold log2.");
        }

        int fanIn = net.Inputs + n;
        int perCore = LearningLayout.NeuronsPerCore(chip, fanIn, options.WeightBits);
        if (perCore < 1)
        {
            throw new UserInputException(
                $"A feedback neuron's {fanIn} plastic {options.WeightBits}-bit synapses ({net.Inputs} inputs + {n} feedback) exceed chip '{chip.Name}''s per-core limits (synapse memory {chip.Core.SynapseMemoryBits:N0} bits, fan-in {chip.Core.MaxFanInAxons:N0} axons). Use fewer weight bits or a smaller input.");
        }

        var slices = new List<LayerSlice>();
        for (int first = 0; first < n; first += perCore)
        {
            slices.Add(new LayerSlice(slices.Count, first, Math.Min(perCore, n - first)));
        }

        int readoutCore = slices.Count;
        if (readoutCore + 1 > chip.CoreCount || n > chip.Core.MaxFanInAxons || net.Outputs > chip.Core.MaxNeurons)
        {
            throw new UserInputException($"Feedback network {net} needs {readoutCore + 1} cores of chip '{chip.Name}' ({chip.CoreCount} there) with {options.WeightBits}-bit plastic weights. Use fewer weight bits or a smaller network.");
        }

        int payloadShift = (int)Math.Round(Math.Log2(options.PayloadScale));
        PlasticLayer input = Layer(0, net.Inputs, n, slices, unit, BitWidths.ActivationShift + payloadShift, options.WeightRange, options.WeightBits, true);
        PlasticLayer feedback = Layer(1, n, n, slices, unit, BitWidths.ActivationShift, options.WeightRange, options.WeightBits, true);
        PlasticLayer readout = Layer(2, n, net.Outputs, [new LayerSlice(readoutCore, 0, net.Outputs)], readoutUnit, BitWidths.ActivationShift, options.WeightRange * ReadoutRangeFactor, options.WeightBits, false);

        var hiddenProfile = new NeuronProfile
        {
            DecayU = BitWidths.DecayMax,
            DecayV = 0,
            ThresholdMantissa = (int)(thetaPrime >> BitWidths.ThresholdShift),
            Reset = ResetMode.Subtract,
        };
        var readoutProfile = new NeuronProfile { DecayU = BitWidths.DecayMax, DecayV = BitWidths.DecayMax, ThresholdMantissa = BitWidths.ThresholdMantissaMax };
        var cores = new List<CoreConfig>();
        foreach (LayerSlice slice in slices)
        {
            var rows = new SynapseRow[fanIn];
            for (int j = 0; j < net.Inputs; j++)
            {
                rows[j] = Row(f, j, n, slice, input, options.WeightBits);
            }

            for (int j = 0; j < n; j++)
            {
                rows[net.Inputs + j] = Row(w, j, n, slice, feedback, options.WeightBits);
            }

            NeuronTable neurons = NeuronTable.Uniform(slice.Count);
            Array.Fill(neurons.InitialV, (int)initialV);
            cores.Add(new CoreConfig
            {
                CoreId = slice.CoreId,
                Label = $"feedback [{slice.FirstNeuron}..{slice.FirstNeuron + slice.Count - 1}]",
                Profiles = [hiddenProfile],
                Neurons = neurons,
                Axons = rows,
                Routes = RouteTable.FromLists(Enumerable.Range(slice.FirstNeuron, slice.Count)
                    .Select(g => (IReadOnlyList<(int, int)>)slices.Select(s => (s.CoreId, net.Inputs + g)).Append((readoutCore, g)).ToList()).ToList()),
            });
        }

        cores.Add(new CoreConfig
        {
            CoreId = readoutCore,
            Label = $"readout [0..{net.Outputs - 1}]",
            Profiles = [readoutProfile],
            Neurons = NeuronTable.Uniform(net.Outputs),
            Axons = Enumerable.Range(0, n).Select(j => Row(r, j, net.Outputs, readout.Slices[0], readout, options.WeightBits)).ToArray(),
            Routes = RouteTable.Empty(net.Outputs),
        });

        var image = new ChipImage
        {
            Chip = chip,
            Cores = cores,
            SpikeInputs =
            [
                new SpikePort
                {
                    Name = "in",
                    Channels = RouteTable.FromLists(Enumerable.Range(0, net.Inputs).Select(j => (IReadOnlyList<(int, int)>)slices.Select(s => (s.CoreId, j)).ToList()).ToList()),
                },
            ],
            Readouts =
            [
                new NeuronPort { Name = "out", Cores = Enumerable.Repeat(readoutCore, net.Outputs).ToArray(), Neurons = Enumerable.Range(0, net.Outputs).ToArray() },
            ],
        };
        ChipImageValidator.ThrowIfInvalid(image, $"feedback network {net}");
        return new FeedbackLayout(image, input, feedback, readout, unit, readoutUnit, (int)initialV);
    }

    /// <summary>
    /// A plastic matrix whose mantissa unit is the power of two nearest range / (2^(bits−1) − 1): exponent e with
    /// LSB = 2^(e + shift) / unit, where shift is the input shift (6) plus the payload's bits for graded rows.
    /// </summary>
    private static PlasticLayer Layer(int index, int pre, int post, IReadOnlyList<LayerSlice> slices, long unit, int shift, double range, int bits, bool spiking)
    {
        double lsbTarget = range / ((1 << (bits - 1)) - 1);
        int exponent = Math.Clamp((int)Math.Round(Math.Log2(lsbTarget * unit)) - shift, BitWidths.WeightExponentMin, BitWidths.WeightExponentMax);
        return new PlasticLayer
        {
            Index = index,
            Pre = pre,
            Post = post,
            Slices = slices,
            Exponent = exponent,
            Lsb = Math.Pow(2, exponent + shift) / unit,
            Spiking = spiking,
        };
    }

    private static DenseRow Row(float[] weights, int j, int post, LayerSlice slice, PlasticLayer layer, int bits)
    {
        var mantissas = new short[slice.Count];
        for (int i = 0; i < slice.Count; i++)
        {
            mantissas[i] = LearningLayout.Quantise(weights[(j * post) + slice.FirstNeuron + i], layer.Lsb, bits);
        }

        return new DenseRow { FirstTarget = 0, Weights = mantissas, WeightBits = bits, WeightExponent = layer.Exponent };
    }
}
