namespace NeuroChip.OnChipLearning.Tests.Chip;

public sealed class FeedbackChipTests
{
    private static readonly ChipSpec Learn = ChipSpecLoader.LoadPreset("nc-learn");

    /// <summary>nc-learn with synapse memory for 8 neurons of 36 inputs per core, so a 24-neuron layer spans three cores.</summary>
    private static readonly ChipSpec Small = Learn with { Core = Learn.Core with { SynapseMemoryBits = (36 * 32) + (8 * 36 * 16) } };

    private static float[] Difference(float[] before, float[] after) => before.Zip(after, (b, a) => b - a).ToArray();

    [Fact]
    public void Train_SmallRandomFeedbackNets_ChipUpdateAlignsWithTheImplicitGradient()
    {
        // Issue requirement on the chip: the fixed-point SPIDE update (forward phase on the event engine, ternary backward
        // phase reading W in reverse, stochastically rounded 16-bit updates) has cosine ≥ 0.9 with IDE's implicit gradient
        // on every one of 10 random 12-24-4 feedback nets (T = 60, T_b = 200, as the float test). The IDE reference starts
        // from the chip's own quantised weights; the applied update is before − after of F and W (η = 0.5 makes it
        // hundreds of LSBs, so rounding noise does not decide the angle).
        var net = new FeedbackSnnSpec { Inputs = 12, Hidden = 24, Outputs = 4, Timesteps = 60, BackwardTimesteps = 200 };
        var cosines = new List<double>();
        for (int seed = 1; seed <= 10; seed++)
        {
            var init = new FeedbackSnn(net, new EquilibriumSpec { Seed = seed }, initGain: 3f);
            var rule = new EquilibriumSpec { LearningRate = 0.5, FeedbackNormBound = 0, Seed = seed };
            using var chip = new ChipFeedbackSnn(net, rule, Small, new ChipLearningOptions(), init.Input, init.Feedback, init.Readout);
            float[] f0 = chip.Weights(chip.Layout.Input);
            float[] w0 = chip.Weights(chip.Layout.Feedback);
            var ide = new FeedbackSnn(net, new EquilibriumSpec { Rule = LearningRule.Ide, SolverIterations = 200, FeedbackNormBound = 0, Seed = seed });
            f0.CopyTo(ide.Input, 0);
            w0.CopyTo(ide.Feedback, 0);
            chip.Weights(chip.Layout.Readout).CopyTo(ide.Readout, 0);
            var rng = new Random(100 + seed);
            float[] x = Enumerable.Range(0, net.Inputs).Select(_ => (float)rng.NextDouble()).ToArray();
            ide.ComputeGradients(x, seed % net.Outputs);
            chip.Train(x, seed % net.Outputs);
            cosines.Add(FeedbackSnnTests.Cosine(Difference(w0, chip.Weights(chip.Layout.Feedback)), ide.FeedbackGradient, Difference(f0, chip.Weights(chip.Layout.Input)), ide.InputGradient));
        }

        Assert.True(cosines.All(c => c >= 0.9), $"cosines: {string.Join(", ", cosines.Select(c => c.ToString("F3")))}");
    }

    [Fact]
    public void Train_ExactlyRepresentableNet_UpdateEqualsTheFloatSpideUpdateInExpectation()
    {
        // F and W are whole multiples of 4 LSBs (2^−12), R of one readout LSB (2^−12), the inputs are multiples of 1/4:
        // every synaptic contribution (w · payload >> 8 with payload = 64·k) is exact, so the engine's forward phase
        // and the float reference spike at the same ticks (asserted), and on this net the ternary backward counts agree
        // too (asserted). The update is then η · (m_i·β_i/c) · a_j in float and SR(N_j · m_i·count_i · K, S) on the chip;
        // stochastic rounding is unbiased, so averaged over 64 core-generator seeds each synapse's change must lie
        // within one rounding step (1 LSB) of the float update / LSB. The net spans three hidden cores.
        var net = new FeedbackSnnSpec { Inputs = 12, Hidden = 24, Outputs = 4, Timesteps = 30, BackwardTimesteps = 100 };
        const double eta = 0.25;
        const double lsb = 1.0 / 16384;
        var rng = new Random(7);
        float[] f = Enumerable.Range(0, net.Inputs * net.Hidden).Select(_ => (float)(rng.Next(-600, 1201) * 4 * lsb)).ToArray();
        float[] w = Enumerable.Range(0, net.Hidden * net.Hidden).Select(_ => (float)(rng.Next(-400, 401) * 4 * lsb)).ToArray();
        float[] r = Enumerable.Range(0, net.Hidden * net.Outputs).Select(_ => (float)(rng.Next(-400, 401) * 4 * lsb)).ToArray();
        float[] x = Enumerable.Range(0, net.Inputs).Select(_ => rng.Next(0, 5) / 4f).ToArray();
        const int label = 2;

        var reference = new FeedbackSnn(net, new EquilibriumSpec { FeedbackNormBound = 0 });
        f.CopyTo(reference.Input, 0);
        w.CopyTo(reference.Feedback, 0);
        r.CopyTo(reference.Readout, 0);
        reference.ComputeGradients(x, label);

        const int seeds = 64;
        var sumW = new double[w.Length];
        var sumF = new double[f.Length];
        for (int seed = 1; seed <= seeds; seed++)
        {
            using var chip = new ChipFeedbackSnn(net, new EquilibriumSpec { LearningRate = eta, FeedbackNormBound = 0, Seed = seed }, Small, new ChipLearningOptions(), f, w, r);
            Assert.Equal(3, chip.Layout.Feedback.Slices.Count);
            Assert.Equal(f, chip.Weights(chip.Layout.Input));
            chip.Train(x, label);
            for (int i = 0; i < net.Hidden; i++)
            {
                Assert.Equal(Math.Round(reference.Rates[i] * net.Timesteps), chip.SpikeCounts[i]);
                bool masked = chip.SpikeCounts[i] > 0 && chip.SpikeCounts[i] < net.Timesteps;
                double floatCount = reference.Beta[i] * chip.LastScale * net.BackwardTimesteps / net.BackwardReset;
                Assert.Equal(masked ? Math.Round(floatCount) : 0, chip.BackwardCounts[i]);
            }

            float[] w1 = chip.Weights(chip.Layout.Feedback);
            float[] f1 = chip.Weights(chip.Layout.Input);
            for (int k = 0; k < w.Length; k++)
            {
                sumW[k] += (w1[k] - w[k]) / lsb;
            }

            for (int k = 0; k < f.Length; k++)
            {
                sumF[k] += (f1[k] - f[k]) / lsb;
            }
        }

        Assert.Contains(reference.FeedbackGradient.ToArray(), v => Math.Abs(v * eta / lsb) > 20);
        for (int k = 0; k < w.Length; k++)
        {
            Assert.InRange(sumW[k] / seeds, (-eta * reference.FeedbackGradient[k] / lsb) - 1, (-eta * reference.FeedbackGradient[k] / lsb) + 1);
        }

        for (int k = 0; k < f.Length; k++)
        {
            Assert.InRange(sumF[k] / seeds, (-eta * reference.InputGradient[k] / lsb) - 1, (-eta * reference.InputGradient[k] / lsb) + 1);
        }
    }

    [Fact]
    public void Predict_SameWeights_AgreesWithTheFloatReference()
    {
        // Exactly representable weights and inputs: the engine's forward phase and the float SPIDE forward phase
        // produce the same rates and outputs, so both predict the same class on every input.
        var net = new FeedbackSnnSpec { Inputs = 4, Hidden = 8, Outputs = 3, Timesteps = 16, BackwardTimesteps = 10 };
        var rng = new Random(3);
        float[] f = Enumerable.Range(0, 32).Select(_ => (float)(rng.Next(-20, 60) / 4096.0)).ToArray();
        float[] w = Enumerable.Range(0, 64).Select(_ => (float)(rng.Next(-20, 21) / 4096.0)).ToArray();
        float[] r = Enumerable.Range(0, 24).Select(_ => (float)(rng.Next(-300, 301) / 4096.0)).ToArray();
        var reference = new FeedbackSnn(net, new EquilibriumSpec { FeedbackNormBound = 0 });
        f.CopyTo(reference.Input, 0);
        w.CopyTo(reference.Feedback, 0);
        r.CopyTo(reference.Readout, 0);
        using var chip = new ChipFeedbackSnn(net, new EquilibriumSpec { FeedbackNormBound = 0 }, Learn, new ChipLearningOptions(), f, w, r);
        for (int k = 0; k < 40; k++)
        {
            float[] x = Enumerable.Range(0, 4).Select(_ => rng.Next(0, 5) / 4f).ToArray();
            int predicted = chip.Predict(x);
            Assert.Equal(reference.Predict(x), predicted);
            Assert.Equal(reference.Rates.ToArray().Select(a => (int)Math.Round(a * net.Timesteps)), chip.SpikeCounts.ToArray());
        }
    }

    [Fact]
    public void Construct_ChipWithoutReverseSynapseAccess_Refuses()
    {
        var net = new FeedbackSnnSpec { Inputs = 4, Hidden = 8, Outputs = 3 };
        var init = new FeedbackSnn(net, new EquilibriumSpec());
        var e = Assert.Throws<EventSim.UserInputException>(() => new ChipFeedbackSnn(net, new EquilibriumSpec(), ChipSpecLoader.LoadPreset("nc-ref"),
            new ChipLearningOptions { WeightBits = 8 }, init.Input, init.Feedback, init.Readout));
        Assert.Contains("reverseSynapseAccess", e.Message);
        Assert.Contains("nc-learn", e.Message);
    }

    [Fact]
    public void Construct_MomentumOrIde_RefusesWithTheFix()
    {
        var net = new FeedbackSnnSpec { Inputs = 4, Hidden = 8, Outputs = 3 };
        var init = new FeedbackSnn(net, new EquilibriumSpec());
        var momentum = Assert.Throws<EventSim.UserInputException>(() => new ChipFeedbackSnn(net, new EquilibriumSpec { Momentum = 0.9 }, Learn, new ChipLearningOptions(), init.Input, init.Feedback, init.Readout));
        Assert.Contains("momentum 0", momentum.Message);
        var ide = Assert.Throws<EventSim.UserInputException>(() => new ChipFeedbackSnn(net, new EquilibriumSpec { Rule = LearningRule.Ide }, Learn, new ChipLearningOptions(), init.Input, init.Feedback, init.Readout));
        Assert.Contains("spide", ide.Message);
    }
}
