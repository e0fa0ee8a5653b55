namespace NeuroChip.OnChipLearning.Tests.Appliers;

public sealed class ReferenceLearningSnnTests
{
    // The 2-2-2 network of the hand derivation below: x = [1, 0.5], T = 2, τ = 2 (λ = 0.5), θ = 1, label 0, γ = 0.05.
    // Pre-major weights: W0 = [[0.85, 0.2], [0.4, 1.2]] (x_j → h_i), W1 = [[0.5, −0.5], [0.3, 0.7]] (h_j → o_c).
    internal static ReferenceLearningSnn TinyNetwork(LearningRuleSpec rule)
    {
        var net = new SnnSpec { Inputs = 2, Hidden = [2], Outputs = 2, Timesteps = 2, Tau = 2 };
        var snn = new ReferenceLearningSnn(net, rule);
        new float[] { 0.85f, 0.2f, 0.4f, 1.2f }.CopyTo(snn.Weights(0), 0);
        new float[] { 0.5f, -0.5f, 0.3f, 0.7f }.CopyTo(snn.Weights(1), 0);
        return snn;
    }

    [Fact]
    public void Train_OtttAWithSpatialCredit_EqualsTheHandComputedGradient()
    {
        // Input current I = W0ᵀx = [1.05, 0.8]; a neuron fires when u > θ.
        // t=0: h0: u = 1.05 → spike, ψ(0.05) = 0.990066; h1: u = 0.8, ψ(−0.2) = 4σ(−0.8)(1 − σ(−0.8)) = 0.855639. â = [1, 0].
        //      o = [0.5, −0.5]; softmax = [0.731059, 0.268941];
        //      e = [(0.95·(−0.268941) + 0.05·(−0.5))/2, (0.95·0.268941 + 0.05·(−0.5))/2] = [−0.140247, 0.115247].
        //      g = W1·e = [−0.127747, 0.038599]; δ = g⊙ψ = [−0.126478, 0.033027].
        // t=1: h0: u = 0.5·0.05 + 1.05 = 1.075 → spike, ψ(0.075) = 0.977833; h1: u = 0.5·0.8 + 0.8 = 1.2 → spike,
        //      ψ(0.2) = 0.855639. â = [1.5, 1]. o = [0.8, 0.2]; e = [−0.173313, 0.173313];
        //      g = [−0.173313, 0.069325]; δ = [−0.169471, 0.059317].
        // ∇W1 = Σ_t â ⊗ e = [[−0.400217, 0.375217], [−0.173313, 0.173313]].
        // ∇W0 = x ⊗ Σ_t δ = [[−0.295950, 0.092344], [−0.147975, 0.046172]].
        var snn = TinyNetwork(new LearningRuleSpec { Credit = CreditAssignment.Spatial, Schedule = OtttSchedule.PerSample, LearningRate = 1 });
        float[] w0 = (float[])snn.Weights(0).Clone();
        float[] w1 = (float[])snn.Weights(1).Clone();
        snn.Train([1f, 0.5f], 0);
        double[] grad0 = [-0.295950, 0.092344, -0.147975, 0.046172];
        double[] grad1 = [-0.400217, 0.375217, -0.173313, 0.173313];
        for (int k = 0; k < 4; k++)
        {
            Assert.Equal(w0[k] - grad0[k], snn.Weights(0)[k], 2e-6);
            Assert.Equal(w1[k] - grad1[k], snn.Weights(1)[k], 2e-6);
        }
    }

    [Fact]
    public void Train_SameSeed_GivesBitIdenticalWeights()
    {
        var spec = new SnnSpec { Inputs = 16, Hidden = [12], Outputs = 3, Timesteps = 4 };
        var rule = new LearningRuleSpec { Credit = CreditAssignment.Opzo, LearningRate = 0.05, Seed = 9 };
        float[] Run()
        {
            var snn = new ReferenceLearningSnn(spec, rule, 2f);
            var rng = new Random(3);
            for (int s = 0; s < 50; s++)
            {
                float[] x = Enumerable.Range(0, 16).Select(_ => (float)rng.NextDouble()).ToArray();
                snn.Train(x, s % 3);
            }

            return snn.Weights(0).Concat(snn.Weights(1)).ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Construct_InvalidSettings_ListsEveryProblem()
    {
        var e = Assert.Throws<EventSim.UserInputException>(() => new ReferenceLearningSnn(
            new SnnSpec { Inputs = 4, Hidden = [], Outputs = 2, Timesteps = 0 },
            new LearningRuleSpec { LearningRate = -1, Rule = LearningRule.Glsnn, Credit = CreditAssignment.Opzo }));
        Assert.Contains("hidden layer", e.Message);
        Assert.Contains("timesteps 0", e.Message);
        Assert.Contains("learning rate -1", e.Message);
        Assert.Contains("GLSNN", e.Message);
    }

    [Theory]
    [InlineData(NoisePosition.Activity)]
    [InlineData(NoisePosition.Membrane)]
    public void ForwardNoise_WithSpatialCredit_PerturbsTheUpdateInProportionToAlpha(NoisePosition position)
    {
        // The control experiment of OPZO: the hand-derived spatial example, now with α·z in the forward pass. As α → 0
        // the update must return to the clean one (the noise enters only as α·z); at α = 0.5 it must differ.
        float[] Update(bool forwardNoise, double alpha)
        {
            var snn = TinyNetwork(new LearningRuleSpec
            {
                Credit = CreditAssignment.Spatial,
                LearningRate = 1,
                ForwardNoise = forwardNoise,
                NoiseScale = alpha,
                NoisePosition = position,
                Seed = 4,
            });
            snn.Train([1f, 0.5f], 0);
            return snn.Weights(0).Concat(snn.Weights(1)).ToArray();
        }

        float[] clean = Update(false, 0.5);
        float[] tiny = Update(true, 1e-6);
        float[] large = Update(true, 0.5);
        Assert.Equal(Update(true, 0.5), large);
        Assert.All(clean.Zip(tiny), p => Assert.Equal(p.First, p.Second, 1e-4));
        Assert.Contains(clean.Zip(large), p => Math.Abs(p.First - p.Second) > 1e-3);
    }

    [Fact]
    public void ForwardNoise_OnlyForOttt()
    {
        var net = new SnnSpec { Inputs = 4, Hidden = [8], Outputs = 3, Timesteps = 2 };
        var e = Assert.Throws<EventSim.UserInputException>(() =>
            new ReferenceLearningSnn(net, new LearningRuleSpec { Rule = LearningRule.Glsnn, Credit = CreditAssignment.Dfa, ForwardNoise = true }));
        Assert.Contains("forward noise", e.Message);
    }

    /// <summary>
    /// A 4-8-3 OPZO net with the noise on the activity, trained with η tiny (W_out stays put) on 4,000 ticks of
    /// random inputs, so that M, averaged by λ_M = 0.999, has converged.
    /// </summary>
    private static ReferenceLearningSnn TrainOpzoOnActivity(double baseline)
    {
        var net = new SnnSpec { Inputs = 4, Hidden = [8], Outputs = 3, Timesteps = 6 };
        var snn = new ReferenceLearningSnn(net, new LearningRuleSpec
        {
            Credit = CreditAssignment.Opzo,
            NoisePosition = NoisePosition.Activity,
            LearningRate = 1e-9,
            FeedbackMomentum = 0.999,
            FeedbackBaseline = baseline,
            Seed = 3,
        }, initGain: 3);
        RandomSamples.Train(snn, inputs: 4, classes: 3, samples: 4000 / 6, seed: 5);
        return snn;
    }

    [Fact]
    public void Opzo_NoiseOnActivity_FeedbackMatrixConvergesToTheReadoutWeights()
    {
        // With the noise on the activity the readout sees, õ = W_outᵀ·(s + α·z), so z·õᵀ/α = z·sᵀ·W_out/α + z·zᵀ·W_out
        // and E[z·zᵀ] = I (Rademacher, drawn after s): the expected estimate is exactly W_out, and M must point along it.
        ReferenceLearningSnn snn = TrainOpzoOnActivity(baseline: 0);
        float[] m = snn.Feedback(0);
        float[] w = snn.Weights(1);
        double dot = 0, mm = 0, ww = 0;
        for (int i = 0; i < m.Length; i++)
        {
            dot += m[i] * w[i];
            mm += m[i] * m[i];
            ww += w[i] * w[i];
        }

        Assert.InRange(dot / Math.Sqrt(mm * ww), 0.9, 1.0);

        // The learner reports the same cosine as its feedback alignment.
        Assert.Equal(dot / Math.Sqrt(mm * ww), snn.FeedbackAlignment!.Value, 5);
    }

    [Fact]
    public void Opzo_OutputBaseline_KeepsTheEstimatesExpectation_AndAlignsAtLeastAsWell()
    {
        // The baseline only removes the z-independent part of õ, so M must still converge to W_out, with less
        // variance (a cosine at least as large over the same ticks).
        double plain = TrainOpzoOnActivity(baseline: 0).FeedbackAlignment!.Value;
        double centred = TrainOpzoOnActivity(baseline: 0.99).FeedbackAlignment!.Value;
        Assert.InRange(centred, 0.9, 1.0);
        Assert.True(centred >= plain, $"with the baseline {centred:F4}, without {plain:F4}");
    }

    [Theory]
    [InlineData(new float[] { 1, 0, 0, 0 }, new float[] { 1, 1, 0, 0 }, 0.70710678)]
    [InlineData(new float[] { 3, 4 }, new float[] { -4, 3 }, 0)]
    [InlineData(new float[] { 1, 2 }, new float[] { -2, -4 }, -1)]
    [InlineData(new float[] { 0, 0 }, new float[] { 1, 2 }, 0)]
    public void FeedbackAlignment_IsTheCosineOfTheFlattenedMatrices(float[] feedback, float[] readout, double expected) =>
        Assert.Equal(expected, OnChipLearning.Training.FeedbackAlignment.Cosine(feedback, readout), 6);

    [Fact]
    public void FeedbackAlignment_OnlyForCreditPathsWithAFeedbackMatrix()
    {
        var net = new SnnSpec { Inputs = 4, Hidden = [8], Outputs = 3, Timesteps = 2 };
        Assert.Null(new ReferenceLearningSnn(net, new LearningRuleSpec { Credit = CreditAssignment.Spatial }).FeedbackAlignment);
        Assert.Null(new ReferenceLearningSnn(net, new LearningRuleSpec { Rule = LearningRule.Glsnn, Credit = CreditAssignment.Dfa }).FeedbackAlignment);

        // DFA before training: B against the initial readout weights, two independent random draws (|cos| well below 1).
        var dfa = new ReferenceLearningSnn(net, new LearningRuleSpec { Credit = CreditAssignment.Dfa });
        Assert.InRange(dfa.FeedbackAlignment!.Value, -0.9, 0.9);
    }
}
