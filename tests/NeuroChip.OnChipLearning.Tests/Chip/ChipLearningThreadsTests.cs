namespace NeuroChip.OnChipLearning.Tests.Chip;

/// <summary>
/// Learning on the chip gives the same weights on one engine worker as on two: the cores' packets cross workers
/// through outboxes merged in a fixed order and the learning controller runs at the barrier on one thread, so the
/// learned synapse memory may not depend on the thread count.
/// </summary>
public sealed class ChipLearningThreadsTests
{
    private const int Samples = 12;

    private static readonly ChipSpec Learn = ChipSpecLoader.LoadPreset("nc-learn");

    /// <summary>nc-learn with 16,384 bits of synapse memory per core, so each layer of the nets below spans several cores.</summary>
    private static readonly ChipSpec Small = Learn with { Name = "small", Core = Learn.Core with { SynapseMemoryBits = 16_384 } };

    private static readonly SnnSpec Net = new() { Inputs = 24, Hidden = [20, 12], Outputs = 4, Timesteps = 4, Tau = 2 };

    public static TheoryData<LearningRule, CreditAssignment, OtttSchedule, bool, NoisePosition> Rules => new()
    {
        { LearningRule.Ottt, CreditAssignment.Spatial, OtttSchedule.PerTick, false, NoisePosition.Membrane },
        { LearningRule.Ottt, CreditAssignment.Dfa, OtttSchedule.PerSample, false, NoisePosition.Membrane },
        { LearningRule.Ottt, CreditAssignment.Opzo, OtttSchedule.PerTick, false, NoisePosition.Membrane },
        { LearningRule.Ottt, CreditAssignment.Opzo, OtttSchedule.PerTick, false, NoisePosition.Activity },
        { LearningRule.Ottt, CreditAssignment.ZerothOrder, OtttSchedule.PerSample, false, NoisePosition.Membrane },
        { LearningRule.Glsnn, CreditAssignment.Dfa, OtttSchedule.PerSample, false, NoisePosition.Membrane },
        { LearningRule.Ottt, CreditAssignment.Dfa, OtttSchedule.PerSample, true, NoisePosition.Membrane },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Train_OneAndTwoWorkers_LearnBitIdenticalWeights(LearningRule learningRule, CreditAssignment credit, OtttSchedule schedule, bool hlop, NoisePosition noisePosition)
    {
        // A core holds (16,384 − 24·32) / (24·16) = 40 neurons of layer 1, so the 20, 12 and 4 neurons take one core per
        // layer; the engine spreads cores by load (20 + 480/16 + 1 = 51 units on the first core, 28 and 8 on the others):
        // the first core on one worker, the other two on the second. With HLOP the lateral neurons take cores after them.
        // MinWorkPerWorker = 0 keeps the second worker that a network this small would otherwise not get.
        var rule = new LearningRuleSpec { Rule = learningRule, Credit = credit, Schedule = schedule, NoisePosition = noisePosition, LearningRate = 0.05, Seed = 3 };
        var options = new ChipLearningOptions
        {
            MinWorkPerWorker = 0,
            Hlop = hlop ? new HlopSpec { FirstTaskRows = [2], LaterTaskRows = [2], BatchSize = 4, Seed = 3 } : null,
            HlopTasks = hlop ? 2 : 1,
        };
        float[][] initial = new ReferenceLearningSnn(Net, rule, initGain: 2f).WeightsCopy(Net);
        (float[][] one, int[] predictionsOne, int workersOne, long updatesOne) = Train(rule, options with { Threads = 1 }, initial, hlop);
        (float[][] two, int[] predictionsTwo, int workersTwo, long updatesTwo) = Train(rule, options with { Threads = 2 }, initial, hlop);

        Assert.Equal(1, workersOne);
        Assert.Equal(2, workersTwo);
        Assert.True(updatesOne > 0, "the rule must have updated synapses");
        Assert.Equal(updatesOne, updatesTwo);
        Assert.Equal(predictionsOne, predictionsTwo);
        for (int l = 0; l < one.Length; l++)
        {
            Assert.NotEqual(initial[l], one[l]);
            Assert.Equal(one[l], two[l]);
        }
    }

    [Fact]
    public void Train_SpideOnOneAndTwoWorkers_LearnsBitIdenticalWeights()
    {
        // The feedback layer's 24 neurons of 12 + 24 inputs fit (16,384 − 36·32) / (36·16) = 26 a core: one hidden core and
        // the readout core, one per worker when the work floor is 0.
        var net = new FeedbackSnnSpec { Inputs = 12, Hidden = 24, Outputs = 4, Timesteps = 20, BackwardTimesteps = 40 };
        var rule = new EquilibriumSpec { LearningRate = 0.2, Seed = 5 };
        var init = new FeedbackSnn(net, rule, initGain: 3f);
        var rng = new Random(11);
        float[][] xs = Enumerable.Range(0, Samples).Select(_ => Enumerable.Range(0, net.Inputs).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();

        (float[] F, float[] W, float[] R, int Workers) Run(int threads)
        {
            using var chip = new ChipFeedbackSnn(net, rule, Small, new ChipLearningOptions { Threads = threads, MinWorkPerWorker = 0 }, init.Input, init.Feedback, init.Readout);
            for (int s = 0; s < Samples; s++)
            {
                chip.Train(xs[s], s % net.Outputs);
            }

            return (chip.Weights(chip.Layout.Input), chip.Weights(chip.Layout.Feedback), chip.Weights(chip.Layout.Readout), chip.Workers);
        }

        var one = Run(1);
        var two = Run(2);
        Assert.Equal(1, one.Workers);
        Assert.Equal(2, two.Workers);
        Assert.NotEqual(init.Feedback, one.W);
        Assert.Equal(one.F, two.F);
        Assert.Equal(one.W, two.W);
        Assert.Equal(one.R, two.R);
    }

    [Fact]
    public void Construct_SmallNetworkWithTheDefaultWorkFloor_RunsOnOneWorker()
    {
        // Net has 24·20 + 20·12 + 12·4 = 768 synapses and 36 neurons: 36 + 768/16 = 84 units of work, far below the
        // default 20,000 per worker, so asking for 2 threads still runs one worker.
        var rule = new LearningRuleSpec { Credit = CreditAssignment.Dfa };
        using var chip = new ChipSnn(Net, rule, Learn, new ChipLearningOptions { Threads = 2 }, new ReferenceLearningSnn(Net, rule).WeightsCopy(Net));
        Assert.Equal(1, chip.Workers);
    }

    [Fact]
    public void Construct_ZeroThreads_IsRefusedNamingTheSetting()
    {
        var rule = new LearningRuleSpec { Credit = CreditAssignment.Dfa };
        var e = Assert.Throws<EventSim.UserInputException>(() =>
            new ChipSnn(Net, rule, Learn, new ChipLearningOptions { Threads = 0 }, new ReferenceLearningSnn(Net, rule).WeightsCopy(Net)));
        Assert.Contains("threads 0", e.Message);
    }

    private static (float[][] Weights, int[] Predictions, int Workers, long Updates) Train(LearningRuleSpec rule, ChipLearningOptions options, float[][] initial, bool hlop)
    {
        using var chip = new ChipSnn(Net, rule, Small, options, initial.Select(w => (float[])w.Clone()).ToList());
        var rng = new Random(7);
        for (int s = 0; s < Samples; s++)
        {
            if (hlop && s == Samples / 2)
            {
                // The second task projects every update off the rows the first one learned.
                chip.BeginTask(1);
            }

            float[] x = Enumerable.Range(0, Net.Inputs).Select(_ => (float)rng.NextDouble()).ToArray();
            chip.Train(x, s % Net.Outputs);
        }

        int[] predictions = Enumerable.Range(0, 8).Select(_ => chip.Predict(Enumerable.Range(0, Net.Inputs).Select(_ => (float)rng.NextDouble()).ToArray())).ToArray();
        return (Enumerable.Range(0, Net.Hidden.Count + 1).Select(chip.Weights).ToArray(), predictions, chip.Workers, chip.Counters.SynapticUpdates + chip.Counters.LateralSynapticUpdates);
    }
}

/// <summary>Copies of a float network's seeded initial weights, one array per weight layer.</summary>
internal static class FloatSnnWeights
{
    public static float[][] WeightsCopy(this ReferenceLearningSnn snn, SnnSpec net) =>
        Enumerable.Range(0, net.Hidden.Count + 1).Select(l => (float[])snn.Weights(l).Clone()).ToArray();
}
