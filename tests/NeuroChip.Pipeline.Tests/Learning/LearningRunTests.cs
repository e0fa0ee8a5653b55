using NeuroChip.OnChipLearning.Rules;
using NeuroChip.Pipeline.Learning;

namespace NeuroChip.Pipeline.Tests.Learning;

public sealed class LearningRunTests
{
    /// <summary>One epoch of a 64-32-10 network on the digits, on the chip: 300 training and 100 test samples.</summary>
    private static TrainOptions ChipSlice(LearningRuleSpec rule) => new()
    {
        Epochs = 1,
        Hidden = [32],
        Precision = LearningPrecision.Chip,
        TrainLimit = 300,
        TestLimit = 100,
        Rule = rule,
    };

    [Fact]
    public void Run_FloatOtttOnDigits_LearnsWellAboveChance()
    {
        // 10 classes: chance is 10 %. Two epochs of OTTT with spatial credit on 1,437 digits reach far more.
        var (report, image) = LearningRun.Run(new TrainOptions { Epochs = 2, Hidden = [64], Rule = new LearningRuleSpec { LearningRate = 0.05 } });
        Assert.Equal(2, report.Epochs.Count);
        // Measured (default seed, 360 test digits): 92.2 % after epoch 1, 95.3 % after epoch 2. Bound: 90 %, a margin of
        // 19 test samples, far above chance (10 %).
        Assert.InRange(report.FinalTestAccuracy, 0.90, 1.0);
        Assert.Null(report.Chip);
        // nc-learn holds (1,048,576 − 64 × 32) / (64 × 16) = 1,022 neurons with 64 16-bit inputs per core:
        // the 64 hidden neurons take one core and the 10 readout neurons another.
        Assert.Equal(2, image.Cores.Count);
    }

    [Fact]
    public void Run_ChipDfaOnDigits_ReportsLearningCostThatAddsUp()
    {
        var (report, _) = LearningRun.Run(ChipSlice(new LearningRuleSpec { Credit = CreditAssignment.Dfa, LearningRate = 0.05, Schedule = OtttSchedule.PerTick }));
        LearningCost cost = Assert.IsType<LearningCost>(report.Chip);
        Assert.Equal(300, cost.SamplesTrained);

        // Per tick of a sample, each of the 32 hidden and 10 readout neurons gets one third-factor packet: 42 × T (6) = 252.
        Assert.Equal(252, cost.ThirdFactorPacketsPerSample);

        // Both cores sit in tile (0, 0) with the learning controller, so the packets cross no links:
        // learning energy = synaptic updates × 120 pJ + packets × 1.7 pJ.
        Assert.Equal((cost.SynapticUpdatesPerSample * 120) + (252 * 1.7), cost.LearningEnergyPerSamplePj, 6);

        // Measured: 54 of the 100 test digits after one pass over 300. Bound: 45 %, a margin of 9 samples (about two
        // binomial standard deviations of a 100-sample estimate, √(0.54·0.46/100) = 5 %).
        Assert.InRange(report.FinalTestAccuracy, 0.45, 1.0);
    }

    [Theory]
    [InlineData(NoisePosition.Activity, 0.09375, 0.74)]
    [InlineData(NoisePosition.Membrane, 0.1, 0.54)]
    public void Run_ChipOpzoOnDigits_ReportsTheNoiseScaleItAppliedAndLearns(NoisePosition position, double applied, double minimumAccuracy)
    {
        // On the activity the hidden neurons' graded spikes carry α in 64ths of a spike: 0.1 → 6/64. On the membrane the
        // held input has 2^20 / 64 steps per threshold, so α stays 0.1.
        var (report, _) = LearningRun.Run(ChipSlice(new LearningRuleSpec { Credit = CreditAssignment.Opzo, NoisePosition = position, NoiseScale = 0.1, FeedbackBaseline = 0.99, LearningRate = 0.05 }) with { TrainLimit = 1200 });
        Assert.Equal(applied, Assert.IsType<LearningCost>(report.Chip).AppliedNoiseScale);

        // Zeroth-order credit needs more samples than 300 (there: 39 % on the activity, 15 % on the membrane), so both
        // positions get one pass over 1,200 digits. Measured on the 100 test digits: activity 84 %, membrane 64 %.
        // Bounds: 10 samples below each (74 %, 54 %), about two binomial standard deviations, far above chance (10 %).
        Assert.InRange(report.FinalTestAccuracy, minimumAccuracy, 1.0);
    }

    [Fact]
    public void Run_ChipSpideOnDigits_LearnsAndStatesTheReverseAccessItUsed()
    {
        var options = new TrainOptions
        {
            Rule = new LearningRuleSpec { Rule = LearningRule.Spide, LearningRate = 0.02 },
            Precision = LearningPrecision.Chip,
            Hidden = [64],
            Epochs = 1,
            Timesteps = 30,
            BackwardTimesteps = 100,
            TrainLimit = 600,
            TestLimit = 200,
        };
        var (report, _) = LearningRun.Run(options);

        // Measured: 54.5 % of the 200 test digits after one pass over 600 (chance 10 %). Bound: 47 %, a margin of 15
        // samples (about two binomial standard deviations of a 200-sample estimate, √(0.545·0.455/200) = 3.5 %).
        Assert.InRange(report.FinalTestAccuracy, 0.47, 1.0);
        LearningCost cost = Assert.IsType<LearningCost>(report.Chip);
        Assert.Equal(600, cost.SamplesTrained);
        Assert.True(cost.SynapticUpdatesPerSample > 0);
        Assert.Contains(report.RequiredCapabilities, c => c.Contains("reverse synapse access", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_ChipSpideWithoutReverseAccess_IsRefusedWithTheFix()
    {
        var options = new TrainOptions
        {
            Rule = new LearningRuleSpec { Rule = LearningRule.Spide },
            Precision = LearningPrecision.Chip,
            Chip = "nc-ref",
            Hidden = [16],
            Epochs = 1,
            TrainLimit = 10,
            TestLimit = 10,
        };
        var e = Assert.Throws<EventSim.UserInputException>(() => LearningRun.Run(options));
        Assert.Contains("nc-learn", e.Message);
    }
}
