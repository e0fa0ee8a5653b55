using NeuroChip.EventSim;
using NeuroChip.EventSim.Fixed;
using NeuroChip.EventSim.Model;
using NeuroChip.Mapping.Lowering;
using NeuroChip.OnChipLearning.Network;

namespace NeuroChip.OnChipLearning.Chip.Feedback;

/// <summary>
/// Describes a <see cref="FeedbackSnnSpec"/> for SPIDE on a chip and has the compiler lay it out
/// (<see cref="PlasticCompiler"/>). Every hidden core holds, for its slice of the n
/// feedback neurons, one dense plastic row per input channel (F, axons 0..I−1) and one per hidden neuron (W, axons
/// I..I+n−1; the compiler numbers axons by projection, then source); a hidden spike is routed to its own axon on every
/// hidden core (the recurrence, one tick of latency) and to the readout cores, whose dense rows hold R and whose u the controller reads. Hidden neurons are IF
/// (u carries the tick's input, v does not leak) with threshold θ' = 2·V_th and subtractive reset, starting at
/// v = V_th + 1 LSB: the chip's "fire when v &gt; θ'" is then SPIDE's "fire when u ≥ V_th, subtract 2·V_th".
/// </summary>
public sealed class FeedbackLayout : CompiledLayout
{
    /// <summary>Weight range of the readout: its weights grow larger than F's and W's.</summary>
    public const double ReadoutRangeFactor = 4;

    private FeedbackLayout(PlasticCompilation compilation, PlasticLayer input, PlasticLayer feedback, PlasticLayer readout, long unit, long readoutUnit, int initialV)
        : base(compilation, readoutUnit)
    {
        Input = input;
        Feedback = feedback;
        Readout = readout;
        Unit = unit;
        InitialV = initialV;
    }

    /// <summary>F: input channel j → hidden i, rows on the hidden cores (axon j).</summary>
    public PlasticLayer Input { get; }

    /// <summary>W: hidden j → hidden i, rows on the hidden cores (axon I + j); the same slices as <see cref="Input"/>.</summary>
    public PlasticLayer Feedback { get; }

    /// <summary>R: hidden j → output c, rows on the readout core (axon j).</summary>
    public PlasticLayer Readout { get; }

    /// <summary>One float unit (V_th = 1) in v-register units.</summary>
    public long Unit { get; }

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

        int payloadShift = (int)Math.Round(Math.Log2(options.PayloadScale));
        PlasticScale input = PlasticScale.For(options.WeightRange, options.WeightBits, unit, BitWidths.ActivationShift + payloadShift);
        PlasticScale feedback = PlasticScale.For(options.WeightRange, options.WeightBits, unit, BitWidths.ActivationShift);
        PlasticScale readout = PlasticScale.For(options.WeightRange * ReadoutRangeFactor, options.WeightBits, readoutUnit, BitWidths.ActivationShift);
        var hiddenProfile = new NeuronProfile
        {
            DecayU = BitWidths.DecayMax,
            DecayV = 0,
            ThresholdMantissa = (int)(thetaPrime >> BitWidths.ThresholdShift),
            Reset = ResetMode.Subtract,
        };
        var hidden = new ProjectionSource(SourceKind.Population, 0);
        var spec = new PlasticNetworkSpec(
            $"feedback network {net}",
            net.Inputs,
            [
                new PlasticPopulationSpec("feedback", n, hiddenProfile) { InitialV = (int)initialV },
                new PlasticPopulationSpec("readout", net.Outputs, LearningLayout.ReadoutProfile),
            ],
            [
                new PlasticProjectionSpec("F", new ProjectionSource(SourceKind.Input, 0), 0, net.Inputs, n, input.Quantise(f), input),
                new PlasticProjectionSpec("W", hidden, 0, n, n, feedback.Quantise(w), feedback),
                new PlasticProjectionSpec("R", hidden, 1, n, net.Outputs, readout.Quantise(r), readout),
            ],
            ReadoutPopulation: 1);
        PlasticCompilation compiled = PlasticCompiler.Compile(spec, chip);
        return new FeedbackLayout(
            compiled,
            input.Layer(0, net.Inputs, n, compiled.Slices[0], true),
            feedback.Layer(1, n, n, compiled.Slices[0], true),
            readout.Layer(2, n, net.Outputs, compiled.Slices[1], false),
            unit,
            readoutUnit,
            (int)initialV);
    }
}
