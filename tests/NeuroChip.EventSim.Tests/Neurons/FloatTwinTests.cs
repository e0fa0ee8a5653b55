using NeuroChip.EventSim.Neurons;

namespace NeuroChip.EventSim.Tests.Neurons;

public sealed class FloatTwinTests
{
    // A layer of 8 LIF neurons (du = 410, dv = 205) fed by 4 input axons with random weights; the float
    // twin is driven with exactly the same input sums. Each fixed-point decay truncates by less than one
    // unit, so the current error obeys e_u ≤ k_u·e_u + 1 → e_u ≤ 1 / (1 − k_u) = 4096 / 411 ≈ 9.97, and the
    // voltage error e_v ≤ k_v·e_v + 1 + e_u → e_v ≤ (1 + 9.97) · 4096 / 205 ≈ 219.2 register units.
    // With the threshold out of reach, the voltages must stay within that bound on every tick.
    private static (ChipImage Image, short[,] Weights) Layer(int threshold, int seed)
    {
        var rng = new Random(seed);
        var weights = new short[4, 8];
        var rows = new List<SynapseRow>();
        for (int a = 0; a < 4; a++)
        {
            for (int i = 0; i < 8; i++)
            {
                weights[a, i] = (short)rng.Next(-40, 128);
            }

            rows.Add(new DenseRow { FirstTarget = 0, Weights = Enumerable.Range(0, 8).Select(i => weights[a, i]).ToArray() });
        }

        var profile = new NeuronProfile { DecayU = 410, DecayV = 205, ThresholdMantissa = threshold, Reset = ResetMode.Subtract };
        var image = TestImages.Single(TestImages.Core(0, profile, 8) with { Axons = rows }) with { SpikeInputs = [TestImages.InputTo(0, 4)] };
        return (image, weights);
    }

    [Fact]
    public void FloatTwin_SameInputs_StaysWithinTheTruncationBound()
    {
        const int ticks = 200;
        (ChipImage image, short[,] weights) = Layer(threshold: 131_071, seed: 4);
        var input = new InputSchedule();
        var sums = new double[ticks, 8];
        var rng = new Random(9);
        for (int t = 0; t < ticks; t++)
        {
            for (int a = 0; a < 4; a++)
            {
                if (rng.NextDouble() < 0.3)
                {
                    input.AddSpike(t, "in", a);
                    for (int i = 0; i < 8; i++)
                    {
                        sums[t, i] += weights[a, i];
                    }
                }
            }
        }

        using var sim = new Simulator(image, new SimulatorOptions { TracedNeurons = Enumerable.Range(0, 8).Select(i => new NeuronRef(0, i)).ToArray() });
        RunResult fixedRun = sim.Run(ticks, input);
        var p = LifFloatParameters.From(image.Cores[0].Profiles[0], 0, 0);
        double worst = 0;
        for (int i = 0; i < 8; i++)
        {
            var s = new LifFloatState(0, 0, 0);
            for (int t = 0; t < ticks; t++)
            {
                s = LifFloatModel.Step(s, p, sums[t, i], out _);
                worst = Math.Max(worst, Math.Abs(s.V - fixedRun.Traces[i].V[t]));
            }
        }

        Assert.InRange(worst, 0, 219.2);
        Assert.True(fixedRun.Traces.Max(v => v.V.Max(Math.Abs)) > 50_000, "the inputs should drive the voltages far above the bound");
    }

    [Fact]
    public void FloatTwin_WithSpikes_CountsAgreeWithinOne()
    {
        // With a reachable threshold and subtract reset, a voltage error below one threshold (219 ≪ 4000 << 6)
        // can shift a spike by a tick but cannot add or drop more than one over the run.
        const int ticks = 300;
        (ChipImage image, short[,] weights) = Layer(threshold: 4000, seed: 8);
        var input = new InputSchedule();
        var sums = new double[ticks, 8];
        for (int t = 0; t < ticks; t++)
        {
            input.AddSpike(t, "in", t % 4);
            for (int i = 0; i < 8; i++)
            {
                sums[t, i] += weights[t % 4, i];
            }
        }

        using var sim = new Simulator(image);
        int[] fixedCounts = sim.Run(ticks, input).ReadoutSpikeCounts("out");
        var p = LifFloatParameters.From(image.Cores[0].Profiles[0], 0, 0);
        for (int i = 0; i < 8; i++)
        {
            var s = new LifFloatState(0, 0, 0);
            int count = 0;
            for (int t = 0; t < ticks; t++)
            {
                s = LifFloatModel.Step(s, p, sums[t, i], out bool spike);
                count += spike ? 1 : 0;
            }

            Assert.InRange(fixedCounts[i] - count, -1, 1);
        }

        Assert.True(fixedCounts.Sum() > 20, "the layer should fire");
    }
}
