using NeuroChip.Mapping;
namespace NeuroChip.Mapping.Tests.Conversion;

public sealed class ChipEvaluatorTests
{
    private static readonly Lazy<(NetworkGraph Ann, LabelledSamples Train, LabelledSamples Test)> Digits = new(() =>
        (DigitsTestData.Mlp(), DigitsTestData.Train(), DigitsTestData.Test()));

    [Fact]
    public void Evaluate_DigitsLightT32_ChipWithinThreePointsOfAnn()
    {
        (NetworkGraph ann, LabelledSamples train, LabelledSamples test) = Digits.Value;
        double annAccuracy = AnnForwardPass.Create(ann).Accuracy(test.Features, test.Labels);
        ConversionResult converted = AnnToSnnConverter.Convert(ann, train.Features, train.Count, new ConversionOptions { Method = ConversionMethod.Light, Timesteps = 32 });
        ChipImage image = Compile(converted.Snn);
        ChipEvaluation chip = ChipEvaluator.Evaluate(image, test, 32, threads: 2);
        double floatSnn = ChipEvaluator.EvaluateFloatSnn(converted.Snn, test, 32);
        Assert.True(annAccuracy > 0.93, $"ANN {annAccuracy}");
        Assert.True(chip.Accuracy >= annAccuracy - 0.03, $"chip {chip.Accuracy} vs ANN {annAccuracy}");
        Assert.True(floatSnn >= annAccuracy - 0.03, $"float SNN {floatSnn} vs ANN {annAccuracy}");
        // Input → encoder → hidden → readout: two hops, so each inference runs T + 2 ticks.
        Assert.Equal(34, chip.TicksPerInference);
        Assert.Equal(360, chip.Samples);
        Assert.True(chip.SynapticOpsPerInference > 0 && chip.EnergyPerInferencePj > 0);
    }

    [Fact]
    public void Evaluate_OneOrTwoThreads_SamePredictionsAndCounters()
    {
        (NetworkGraph ann, LabelledSamples train, LabelledSamples test) = Digits.Value;
        ConversionResult converted = AnnToSnnConverter.Convert(ann, train.Features, train.Count, new ConversionOptions { Method = ConversionMethod.Shift, Timesteps = 8 });
        ChipImage image = Compile(converted.Snn);
        ChipEvaluation one = ChipEvaluator.Evaluate(image, test, 8, threads: 1, limit: 60);
        ChipEvaluation two = ChipEvaluator.Evaluate(image, test, 8, threads: 2, limit: 60);
        Assert.Equal(one.Accuracy, two.Accuracy);
        Assert.Equal(one.Counters.TotalSynapticOps, two.Counters.TotalSynapticOps);
        Assert.Equal(one.Counters.TotalSpikes, two.Counters.TotalSpikes);
        Assert.Equal(60 * 10, one.Counters.Ticks);
    }

    [Fact]
    public void Evaluate_EncoderOnChip_FollowsAnalyticRoundedRate()
    {
        // A converted net with the shift: the encoder neuron of channel c receives round(x_c · vth) a_in units per tick
        // and has v0 = θ/2, so over T = 16 ticks it fires round-half-up(16·x_c) times (x_c chosen off the half-integers).
        (NetworkGraph ann, LabelledSamples train, LabelledSamples test) = Digits.Value;
        ConversionResult converted = AnnToSnnConverter.Convert(ann, train.Features[..(64 * 64)], 64, new ConversionOptions { Method = ConversionMethod.Shift, Timesteps = 16 });
        ChipImage image = Compile(converted.Snn);
        float[] sample = [.. Enumerable.Range(0, 64).Select(i => (i + 0.2f) / 64f)];
        var schedule = new InputSchedule();
        NeuronPort port = image.CurrentInputs[0];
        for (int c = 0; c < 64; c++)
        {
            CoreConfig core = image.Cores.First(k => k.CoreId == port.Cores[c]);
            int vth = core.Profiles[core.Neurons.Profile[port.Neurons[c]]].ThresholdMantissa;
            schedule.SetCurrent(0, port.Name, c, (int)Math.Round(sample[c] * vth));
        }

        using var simulator = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        RunResult run = simulator.Run(16, schedule);
        for (int c = 0; c < 64; c++)
        {
            int core = port.Cores[c], neuron = port.Neurons[c];
            int spikes = run.Spikes.Count(s => s.Core == core && s.Neuron == neuron);
            Assert.Equal(IfRate.Analytic(sample[c], 1, 16, shifted: true) * 16, spikes, 9);
        }
    }

    [Fact]
    public void Predict_CountsThenVoltage_PicksTheRightClass()
    {
        Assert.Equal(1, ChipEvaluator.Predict([3, 5, 5], [0, 10, 7]));
        Assert.Equal(2, ChipEvaluator.Predict([3, 5, 5], [0, 7, 10]));
        Assert.Equal(0, ChipEvaluator.Predict([0, 0], [-5, -5]));
    }

    private static ChipImage Compile(NetworkGraph snn) =>
        Compiler.Compile(snn, ChipSpecLoader.Load("nc-ref"), new CompilerOptions { Quantization = new QuantizationOptions { WeightBits = 8 } }).Image;
}
