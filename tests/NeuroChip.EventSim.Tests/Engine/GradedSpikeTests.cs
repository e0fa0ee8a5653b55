namespace NeuroChip.EventSim.Tests.Engine;

public sealed class GradedSpikeTests
{
    /// <summary>
    /// Core 0: two graded IF neurons (spike payload 4, threshold 10 &lt;&lt; 6, zero reset); neuron 0 has bias 100 and spikes
    /// at ticks 6, 13, 20, 27, neuron 1 never spikes. They drive axons 0 and 1 of core 1, whose one neuron keeps only
    /// this tick's input in u (du = 4095) and never fires: weights 3 and 5, exponent 0.
    /// </summary>
    private static ChipImage Image()
    {
        var senderProfile = NeuronProfile.IntegrateAndFire(10, ResetMode.Zero) with { SpikePayload = 4 };
        var sender = TestImages.Core(0, senderProfile, 2) with
        {
            Neurons = NeuronTable.Uniform(2, 0, 0, 0) with { BiasMantissa = [100, 0] },
            Routes = RouteTable.FromLists([[(1, 0)], [(1, 1)]]),
        };
        var receiver = TestImages.Core(1, new NeuronProfile { DecayU = 4095, DecayV = 4095, ThresholdMantissa = 131_071 }, 1) with
        {
            Axons =
            [
                new SparseRow { Targets = [0], Weights = [3], WeightExponent = 0 },
                new SparseRow { Targets = [0], Weights = [5], WeightExponent = 0 },
            ],
        };
        return new ChipImage { Chip = TestImages.Tiny, Cores = [sender, receiver] };
    }

    /// <summary>Sets the sender's offsets at given barriers and records the receiver's u after every tick.</summary>
    private sealed class OffsetHook(Dictionary<int, (int, int)> offsetsAt) : ITickHook
    {
        public List<int> ReceiverU { get; } = [];

        public void AtBarrier(int tick, SimulatorView view)
        {
            ReceiverU.Add(view.Currents(view.IndexOf(1))[0]);
            if (offsetsAt.TryGetValue(tick, out (int First, int Second) o))
            {
                Span<int> offsets = view.GradedOffsets(view.IndexOf(0));
                offsets[0] = o.First;
                offsets[1] = o.Second;
            }
        }
    }

    private static List<int> Run(int threads)
    {
        // Barrier 9 → tick 10: neuron 1 sends −2 without spiking; barrier 10 clears it.
        // Barrier 12 → tick 13: neuron 0 spikes with payload 4 + 1; barrier 13 clears it.
        var hook = new OffsetHook(new() { [9] = (0, -2), [10] = (0, 0), [12] = (1, 0), [13] = (0, 0) });
        using var sim = new Simulator(Image(), new SimulatorOptions { Hook = hook, Threads = threads, MinWorkPerWorker = 0 });
        sim.Run(25);
        return hook.ReceiverU;
    }

    [Fact]
    public void GradedSpikesAndOffsets_ArriveOneTickLater_ScaledByTheirPayload()
    {
        // A packet routed at tick t is accumulated at t + 1: u = (weight · payload) << 6.
        var expected = new int[25];
        expected[7] = 3 * 4 << 6;     // spike at 6, payload 4 → 768
        expected[11] = 5 * -2 << 6;   // offset −2 from the silent neuron at 10 → −640
        expected[14] = 3 * 5 << 6;    // spike at 13 with offset 1 → payload 5 → 960
        expected[21] = 3 * 4 << 6;    // spike at 20, offset cleared → 768
        Assert.Equal(expected, Run(threads: 1));
    }

    [Fact]
    public void GradedRun_IsIdenticalOnTwoWorkers() => Assert.Equal(Run(threads: 1), Run(threads: 2));

    [Fact]
    public void GradedOffsets_OnABinaryCore_AreRefused()
    {
        var image = TestImages.Single(TestImages.Core(0, NeuronProfile.IntegrateAndFire(10), 1));
        using var sim = new Simulator(image);
        var e = Assert.Throws<InvalidOperationException>(() => sim.View.GradedOffsets(0));
        Assert.Contains("binary", e.Message);
    }

    [Fact]
    public void Reset_ClearsTheOffsets()
    {
        using var sim = new Simulator(Image());
        sim.View.GradedOffsets(0)[1] = 7;
        sim.Reset();
        Assert.Equal([0, 0], sim.View.GradedOffsets(0).ToArray());
    }
}
