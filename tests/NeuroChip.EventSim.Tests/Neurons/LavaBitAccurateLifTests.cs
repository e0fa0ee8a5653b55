namespace NeuroChip.EventSim.Tests.Neurons;

/// <summary>
/// Lava's bit-accurate LIF (<c>PyLifModelBitAcc</c>) behind a <c>Dense</c> connection, reproduced on the whole engine
/// (routing, synapse memory, neuron update) with the field mapping of docs/your-neuron.md. The expected traces are
/// derived by hand from Lava's published fixed-point rules, not from this code:
/// <code>
///   u[t] = sign(u)·((|u|·(4096 − (du + 1))) &gt;&gt; 12) + (a_in[t] &lt;&lt; 6)       Loihi's +1 on the current decay only
///   v[t] = sign(v)·((|v|·(4096 − dv)) &gt;&gt; 12) + u[t] + (bias_mant &lt;&lt; bias_exp)
///   spike when v[t] &gt; vth &lt;&lt; 6 (strict), then v ← 0
///   Dense: a spike sent at step t is in a_in at step t + 1; a_in = weight &lt;&lt; weight_exp
/// </code>
/// The neuron under test: du = 1024, dv = 512, vth = 100 (6400 in v units), bias_mant = 3, bias_exp = 2 (bias 12);
/// one Dense synapse of weight ±40, weight_exp 0, from a source neuron that fires on the ticks given.
/// </summary>
public sealed class LavaBitAccurateLifTests
{
    [Fact]
    public void ExcitatoryPair_MatchesTheHandDerivedTrace()
    {
        // The source fires at ticks 1 and 2, so a_in = 40 at ticks 2 and 3 (the Dense delay); 40 << 6 = 2560.
        // Keep factors: current 4096 − 1025 = 3071, voltage 4096 − 512 = 3584. Products shifted by 12, toward zero:
        //   t0: u = 0;                                    v = 0 + 0 + 12                                 = 12
        //   t1: u = 0;                                    v = (12·3584 = 43008) >> 12 = 10;  10 + 0 + 12  = 22
        //   t2: u = 0 + 2560 = 2560;                      v = (22·3584 = 78848) >> 12 = 19;  19 + 2560 + 12 = 2591
        //   t3: u = (2560·3071 = 7861760) >> 12 = 1919, + 2560 = 4479;
        //       v = (2591·3584 = 9286144) >> 12 = 2267;  2267 + 4479 + 12 = 6758 > 6400 → spike, v ← 0
        //   t4: u = (4479·3071 = 13755009) >> 12 = 3358;  v = 0 + 3358 + 12                           = 3370
        //   t5: u = (3358·3071 = 10312418) >> 12 = 2517;  v = (3370·3584 = 12078080) >> 12 = 2948; + 2517 + 12 = 5477
        //   t6: u = (2517·3071 = 7729707) >> 12 = 1887;   v = (5477·3584 = 19629568) >> 12 = 4792; + 1887 + 12 = 6691
        //       > 6400 → spike, v ← 0
        RunResult run = Run(weight: 40, sourceTicks: [1, 2]);

        Assert.Equal([0, 0, 2560, 4479, 3358, 2517, 1887], run.Traces[0].U);
        Assert.Equal([12, 22, 2591, 0, 3370, 5477, 0], run.Traces[0].V);
        Assert.Equal([3, 6], run.Spikes.Where(s => s.Core == TargetCore).Select(s => s.Tick));
    }

    [Fact]
    public void InhibitoryInput_DecaysTowardZero_NotTowardMinusInfinity()
    {
        // One source spike at tick 1 → a_in = −40 at tick 2 → u = −2560. Magnitudes are shifted, so a negative
        // value rounds toward zero (a floor would give −1920 at t3, not −1919):
        //   t2: u = −2560;  v = 19 − 2560 + 12 = −2529
        //   t3: u = −((2560·3071 = 7861760) >> 12) = −1919;  v = −((2529·3584 = 9063936) >> 12 = 2212) − 1919 + 12 = −4119
        //   t4: u = −((1919·3071 = 5893249) >> 12) = −1438;  v = −((4119·3584 = 14762496) >> 12 = 3604) − 1438 + 12 = −5030
        RunResult run = Run(weight: -40, sourceTicks: [1]);

        Assert.Equal([0, 0, -2560, -1919, -1438], run.Traces[0].U[..5]);
        Assert.Equal([12, 22, -2529, -4119, -5030], run.Traces[0].V[..5]);
        Assert.DoesNotContain(run.Spikes, s => s.Core == TargetCore);
    }

    private const int TargetCore = 7;

    private static RunResult Run(short weight, int[] sourceTicks)
    {
        var image = new ChipImage
        {
            Chip = TestImages.Tiny,
            Cores =
            [
                // The source: IF with threshold 0, so an input spike of weight 10 fires it on the same tick.
                new CoreConfig
                {
                    CoreId = 0,
                    Profiles = [NeuronProfile.IntegrateAndFire(0, ResetMode.Zero)],
                    Neurons = NeuronTable.Uniform(1),
                    Axons = [new SparseRow { Targets = [0], Weights = [10] }],
                    Routes = RouteTable.FromLists([[(TargetCore, 0)]]),
                },

                // The neuron under test: Lava's du, dv, vth as DecayU, DecayV, ThresholdMantissa; bias per neuron.
                new CoreConfig
                {
                    CoreId = TargetCore,
                    Profiles = [new NeuronProfile { DecayU = 1024, DecayV = 512, ThresholdMantissa = 100, Reset = ResetMode.Zero }],
                    Neurons = NeuronTable.Uniform(1, 0, biasMantissa: 3, biasExponent: 2),
                    Axons = [new SparseRow { Targets = [0], Weights = [weight], WeightExponent = 0 }],
                    Routes = RouteTable.Empty(1),
                },
            ],
            SpikeInputs = [TestImages.InputTo(0, 1)],
        };

        var input = new InputSchedule();
        foreach (int tick in sourceTicks)
        {
            input.AddSpike(tick, "in", 0);
        }

        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true, TracedNeurons = [new NeuronRef(TargetCore, 0)] });
        return sim.Run(7, input);
    }
}
