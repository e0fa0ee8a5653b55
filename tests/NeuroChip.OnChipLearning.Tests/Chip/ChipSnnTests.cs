using NeuroChip.EventSim.Engine;
namespace NeuroChip.OnChipLearning.Tests.Chip;

public sealed class ChipSnnTests
{
    private static readonly SnnSpec Tiny = new() { Inputs = 2, Hidden = [2], Outputs = 2, Timesteps = 2, Tau = 2 };

    // Weights that are whole multiples of the 16-bit LSB (2^−14) so the chip starts from exactly the float network.
    private static readonly float[] W0 = [0.8125f, 0.25f, 0.5f, 1.25f];
    private static readonly float[] W1 = [0.5f, -0.5f, 0.25f, 0.75f];

    private static ChipSnn Chip(LearningRuleSpec rule) =>
        new(Tiny, rule, ChipSpecLoader.LoadPreset("nc-learn"), new ChipLearningOptions(), [(float[])W0.Clone(), (float[])W1.Clone()]);

    [Fact]
    public void Train_OtttA_MatchesTheFloatUpdateInExpectation()
    {
        // The float update, with ψ read from the chip's table (Q8) as the chip does:
        // I = [1.0625, 0.875]. t=0: h0 fires (ψ̃ = 247/256), h1 does not (ψ̃ = 247/256); o = [0.5, −0.5].
        // t=1: both fire (ψ̃ = 247/256, 165/256); o = [0.75, 0.25]. With η = 1 and LSB = 2^−14:
        //   ΔW0 = [4953.10, −1791.99, 2476.55, −895.99] and ΔW1 = [6858.67, −6449.07, 3040.57, −3040.57] mantissa units.
        // Each update is stochastically rounded (unbiased), and the third factor carries a 16-bit mantissa whose
        // rounding moves an update by at most 0.5 LSB per tick: over 2 ticks at most 1 LSB. Averaged over 64
        // generator seeds the rounding noise is below 0.1 LSB, so the mean must be within 1.5 LSB.
        // Derivation (ℓ[t] = [0.95·CE + 0.05·MSE] / T with T = 2, so e_c = [0.95·(p_c − y_c) + 0.05·(o_c − y_c)] / 2):
        //   t=0: p = softmax(0.5, −0.5) = [0.731059, 0.268941]; e = [(−0.255494 − 0.025)/2, (0.255494 − 0.025)/2] = [−0.140247, 0.115247]
        //   t=1: p = softmax(0.75, 0.25) = [0.622459, 0.377541]; e = [(−0.358664 − 0.0125)/2, (0.358664 + 0.0125)/2] = [−0.185582, 0.185582]
        //   readout traces â = λ·â + s (λ = 1 − 1/τ = 0.5): h0 [1, 1.5], h1 [0, 1]; ΔW1[i, c] = −Σ_t â_i[t]·e_c[t]:
        //     ΔW1[0, ·] = [0.140247 + 1.5·0.185582, −(0.115247 + 1.5·0.185582)] = [0.418620, −0.393620]; ΔW1[1, ·] = [0.185582, −0.185582]
        //   hidden signal g = W1·e, δ = g ⊙ ψ̃: t=0 g = [0.5·(−0.140247) − 0.5·0.115247, 0.25·(−0.140247) + 0.75·0.115247] = [−0.127747, 0.051374],
        //     δ = g·247/256 = [−0.123256, 0.049567]; t=1 g = [−0.185582, 0.092791], δ = [−0.185582·247/256, 0.092791·165/256] = [−0.179057, 0.059807]
        //   Σδ = [−0.302314, 0.109374]; the first layer's trace is the sample x = [1, 0.5]: ΔW0[j, i] = −x_j·Σδ_i
        //     = [0.302314, −0.109374, 0.151157, −0.054687]. Times 2^14 mantissa units per unit:
        double[] expected0 = [4953.10, -1791.99, 2476.55, -895.99];
        double[] expected1 = [6858.67, -6449.07, 3040.57, -3040.57];
        const int seeds = 64;
        var sum0 = new double[4];
        var sum1 = new double[4];
        for (int seed = 1; seed <= seeds; seed++)
        {
            using ChipSnn chip = Chip(new LearningRuleSpec { Credit = CreditAssignment.Spatial, Schedule = OtttSchedule.PerSample, LearningRate = 1, Seed = seed });
            chip.Train([1f, 0.5f], 0);
            float[] after0 = chip.Weights(0);
            float[] after1 = chip.Weights(1);
            for (int k = 0; k < 4; k++)
            {
                sum0[k] += (after0[k] - W0[k]) * 16384.0;
                sum1[k] += (after1[k] - W1[k]) * 16384.0;
            }
        }

        for (int k = 0; k < 4; k++)
        {
            Assert.InRange(sum0[k] / seeds, expected0[k] - 1.5, expected0[k] + 1.5);
            Assert.InRange(sum1[k] / seeds, expected1[k] - 1.5, expected1[k] + 1.5);
        }
    }

    [Fact]
    public void FeedbackAlignment_Dfa_IsTheCosineOfTheSeededFeedbackWithTheReadoutWeights()
    {
        // Before any learning the readout is W1; B is regenerated from the rule seed as the chip does.
        using ChipSnn chip = Chip(new LearningRuleSpec { Credit = CreditAssignment.Dfa, Seed = 4 });
        float[] b = OnChipLearning.Training.FeedbackPaths.Random(2, 2, new Random(OnChipLearning.Training.FeedbackPaths.SeedFor(4)));
        double dot = 0, bb = 0, ww = 0;
        for (int k = 0; k < 4; k++)
        {
            dot += b[k] * W1[k];
            bb += b[k] * b[k];
            ww += W1[k] * W1[k];
        }

        Assert.Equal(dot / Math.Sqrt(bb * ww), chip.FeedbackAlignment!.Value, 6);
        using ChipSnn spatial = Chip(new LearningRuleSpec { Credit = CreditAssignment.Spatial });
        Assert.Null(spatial.FeedbackAlignment);
    }

    [Fact]
    public void Train_OpzoOutputBaseline_IsZeroOnTheFirstVisitOfALabel_AndActsFromTheSecond()
    {
        // The baseline is a running mean of earlier samples' outputs per (label, tick): for the first sample of a
        // label it is 0 and the update equals the plain estimate's; the second sample of that label sees it.
        float[][] Learned(double baseline, int samples)
        {
            using ChipSnn chip = Chip(new LearningRuleSpec { Credit = CreditAssignment.Opzo, NoiseScale = 0.3, FeedbackMomentum = 0.9, FeedbackBaseline = baseline, LearningRate = 0.5, Seed = 2 });
            for (int k = 0; k < samples; k++)
            {
                chip.Train([1f, 0.5f], 0);
            }

            return [chip.Weights(0), chip.Weights(1)];
        }

        Assert.Equal(Learned(0, 1), Learned(0.5, 1));
        Assert.NotEqual(Learned(0, 2)[0], Learned(0.5, 2)[0]);
    }

    [Fact]
    public void Predict_SameWeights_AgreesWithTheFloatReference()
    {
        // Identical weights and exactly representable inputs: the chip (one tick of latency per layer) and the
        // float network accumulate the same outputs, so they predict the same class on every input.
        var rule = new LearningRuleSpec { Credit = CreditAssignment.Dfa };
        var reference = ReferenceLearningSnnTestsAccess.WithWeights(Tiny, rule, W0, W1);
        using ChipSnn chip = Chip(rule);
        for (int a = 0; a <= 8; a++)
        {
            for (int b = 0; b <= 8; b++)
            {
                float[] x = [a / 8f, b / 8f];
                Assert.Equal(reference.Predict(x), chip.Predict(x));
            }
        }
    }

    [Fact]
    public void Construct_SpatialCreditWithoutReverseAccess_SaysWhatToUseInstead()
    {
        var e = Assert.Throws<EventSim.UserInputException>(() => new ChipSnn(Tiny, new LearningRuleSpec { Credit = CreditAssignment.Spatial },
            ChipSpecLoader.LoadPreset("nc-ref"), new ChipLearningOptions { WeightBits = 8 }, [W0, W1]));
        Assert.Contains("reverseSynapseAccess", e.Message);
        Assert.Contains("dfa", e.Message);
    }

    [Fact]
    public void Construct_GlsnnWithoutReverseAccess_NamesTheCapability()
    {
        var e = Assert.Throws<EventSim.UserInputException>(() => new ChipSnn(Tiny, new LearningRuleSpec { Rule = LearningRule.Glsnn, Credit = CreditAssignment.Dfa },
            ChipSpecLoader.LoadPreset("nc-ref"), new ChipLearningOptions { WeightBits = 8 }, [W0, W1]));
        Assert.Contains("reverseSynapseAccess", e.Message);
        Assert.Contains("nc-learn", e.Message);
    }

    [Fact]
    public void Predict_GradedHiddenSpikes_GiveTheBinaryLayoutsOutputs()
    {
        // With the noise on the activity the hidden neurons send graded spikes of payload 2^6 and the readout rows carry
        // 6 fewer exponent bits: (w · 64) >> (e + 6) = w >> e, so without noise (inference) every output is the same.
        using ChipSnn graded = Chip(new LearningRuleSpec { Credit = CreditAssignment.Opzo, NoisePosition = NoisePosition.Activity });
        using ChipSnn binary = Chip(new LearningRuleSpec { Credit = CreditAssignment.Opzo, NoisePosition = NoisePosition.Membrane });
        CoreConfig hiddenCore = graded.Layout.Image.Cores.Single(c => c.CoreId == graded.Layout.Layers[0].Slices[0].CoreId);
        Assert.Equal(64, hiddenCore.Profiles.Single().SpikePayload);
        Assert.Equal(1, binary.Layout.Image.Cores.Single(c => c.CoreId == binary.Layout.Layers[0].Slices[0].CoreId).Profiles.Single().SpikePayload);
        Assert.Equal(binary.Layout.Layers[1].Exponent - ChipSnn.ActivityPayloadLog2, graded.Layout.Layers[1].Exponent);
        Assert.Equal(binary.Layout.Layers[1].Lsb, graded.Layout.Layers[1].Lsb);
        for (int a = 0; a <= 8; a++)
        {
            for (int b = 0; b <= 8; b++)
            {
                float[] x = [a / 8f, b / 8f];
                Assert.Equal(binary.Predict(x), graded.Predict(x));
                Assert.Equal(binary.Score(0), graded.Score(0));
                Assert.Equal(binary.Score(1), graded.Score(1));
            }
        }
    }

    [Fact]
    public void Opzo_NoiseOnActivity_OnTheChip_FeedbackMatrixConvergesToTheReadoutWeights()
    {
        // The float reference's property on the chip: the hidden neurons send s + α·z as graded spikes, so the readout
        // sees W_outᵀ·(s + α·z) and E[z·õᵀ/α] = W_out (α = 0.3 → 19/64 on the chip, which the estimate divides by).
        // A learning rate of 1e-9 leaves the weights unchanged, so M averages 4,000 ticks (λ_M = 0.999) of one W_out.
        var net = new SnnSpec { Inputs = 4, Hidden = [8], Outputs = 3, Timesteps = 6 };
        var rule = new LearningRuleSpec
        {
            Credit = CreditAssignment.Opzo,
            NoisePosition = NoisePosition.Activity,
            NoiseScale = 0.3,
            LearningRate = 1e-9,
            FeedbackMomentum = 0.999,
            Seed = 3,
        };
        float[][] initial = new ReferenceLearningSnn(net, rule, initGain: 3).WeightsCopy(net);
        using var chip = new ChipSnn(net, rule, ChipSpecLoader.LoadPreset("nc-learn"), new ChipLearningOptions(), initial);
        Assert.Equal(19 / 64.0, chip.NoiseScale);
        float[] readout = chip.Weights(1);
        RandomSamples.Train(chip, inputs: 4, classes: 3, samples: 4000 / 6, seed: 5);

        Assert.Equal(readout, chip.Weights(1));
        Assert.InRange(chip.FeedbackAlignment!.Value, 0.9, 1.0);
    }

    [Fact]
    public void Construct_ActivityNoiseBelowThePayloadStep_SaysTheSmallestScale()
    {
        var e = Assert.Throws<EventSim.UserInputException>(() => Chip(new LearningRuleSpec { Credit = CreditAssignment.Opzo, NoisePosition = NoisePosition.Activity, NoiseScale = 0.005 }));
        Assert.Contains("rounds to 0", e.Message);
        Assert.Contains("0.0078", e.Message);
    }

    [Fact]
    public void Construct_ForwardNoise_IsAFloatExperiment()
    {
        var e = Assert.Throws<EventSim.UserInputException>(() => Chip(new LearningRuleSpec { Credit = CreditAssignment.Dfa, ForwardNoise = true }));
        Assert.Contains("--precision float", e.Message);
    }

    [Fact]
    public void Construct_WeightsWiderThanTheChipStores_NamesTheFormat()
    {
        var e = Assert.Throws<EventSim.UserInputException>(() => new ChipSnn(Tiny, new LearningRuleSpec { Credit = CreditAssignment.Dfa },
            ChipSpecLoader.LoadPreset("nc-ref"), new ChipLearningOptions { WeightBits = 16 }, [W0, W1]));
        Assert.Contains("learningWeightBits", e.Message);
    }

    [Fact]
    public void ExportImage_AfterLearning_HoldsTheHandDerivedWeightsAndClassifiesAsDerived()
    {
        // One OTTT_A sample (x = [1, 0.5], label 0, η = 1) as in Train_OtttA_MatchesTheFloatUpdateInExpectation:
        // ΔW1 = [0.418620, −0.393620, 0.185582, −0.185582], i.e. [6858.67, −6449.07, 3040.57, −3040.57] mantissa units
        // (LSB 2^−14) on W1·2^14 = [8192, −8192, 4096, 12288]. One seed: the per-sample update is rounded stochastically
        // once (< 1 LSB) and the 16-bit third factor moves it by ≤ 0.5 LSB per tick (≤ 1 LSB over 2 ticks): within 2 LSB.
        double[] expectedReadout = [8192 + 6858.67, -8192 - 6449.07, 4096 + 3040.57, 12288 - 3040.57];
        using ChipSnn chip = Chip(new LearningRuleSpec { Credit = CreditAssignment.Spatial, Schedule = OtttSchedule.PerSample, LearningRate = 1, Seed = 1 });
        chip.Train([1f, 0.5f], 0);
        ChipImage image = chip.ExportImage();
        Assert.Empty(ChipImageValidator.Validate(image));
        CoreConfig readout = image.Cores.Single(c => c.CoreId == chip.Layout.Layers[1].Slices[0].CoreId);
        short[] learned = [.. ((DenseRow)readout.Axons[0]).Weights, .. ((DenseRow)readout.Axons[1]).Weights];
        for (int k = 0; k < 4; k++)
        {
            Assert.InRange(learned[k], expectedReadout[k] - 2, expectedReadout[k] + 2);
        }

        // Inference on the exported image with the learned weights (W0 + ΔW0 = [1.114814, 0.140626, 0.651157, 1.195313],
        // W1 + ΔW1 = [0.918620, −0.893620, 0.435582, 0.564418], λ = 0.5, θ = 1). The readout's v after T + 1 = 3 ticks is
        // its input of the last tick, from the hidden spikes of tick 1:
        //   x = [1, 0.5]: I = [1.440393, 0.738282]; t0 v = I, h0 fires; t1 v = [0.220196 + 1.440393, 0.369141 + 0.738282]
        //     = [1.66, 1.11], both fire: o = [0.918620 + 0.435582, −0.893620 + 0.564418] = [1.354, −0.329] → class 0.
        //   x = [0, 1]: I = [0.651157, 1.195313]; t0 h1 fires (v1 → 0.195313); t1 v = [0.976736, 1.292970]: only h1 fires
        //     (v0 below θ by 0.023): o = [0.435582, 0.564418] → class 1.
        //   x = [1, 0]: I = [1.114814, 0.140626]; t0 h0 fires (v0 → 0.114814); t1 v = [1.172221, 0.210939]: only h0 fires:
        //     o = [0.918620, −0.893620] → class 0.
        float[][] inputs = [[1f, 0.5f], [0f, 1f], [1f, 0f]];
        int[] expectedLabels = [0, 1, 0];
        using var sim = new Simulator(image);
        var labels = new List<int>();
        foreach (float[] x in inputs)
        {
            sim.Reset();
            var schedule = new InputSchedule();
            for (int t = 0; t < Tiny.Timesteps; t++)
            {
                for (int j = 0; j < x.Length; j++)
                {
                    if (x[j] > 0)
                    {
                        schedule.AddSpike(t, "in", j, (int)(x[j] * 256));
                    }
                }
            }

            int[] v = sim.Run(Tiny.Timesteps + 1, schedule).ReadoutVoltages("out");
            labels.Add(v[1] > v[0] ? 1 : 0);
        }

        Assert.Equal(expectedLabels, labels);
        Assert.Equal(expectedLabels, inputs.Select(x => chip.Predict(x)));
    }
}

internal static class ReferenceLearningSnnTestsAccess
{
    public static ReferenceLearningSnn WithWeights(SnnSpec net, LearningRuleSpec rule, float[] w0, float[] w1)
    {
        var snn = new ReferenceLearningSnn(net, rule);
        w0.CopyTo(snn.Weights(0), 0);
        w1.CopyTo(snn.Weights(1), 0);
        return snn;
    }
}
