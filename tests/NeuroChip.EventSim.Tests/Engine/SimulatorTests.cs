namespace NeuroChip.EventSim.Tests.Engine;

public sealed class SimulatorTests
{
    [Fact]
    public void Run_BiasDrivenIf_FiresWithTheHandDerivedPeriod()
    {
        // Same neuron as the model test: bias 100, threshold 640 → spikes at 6, 13, 20, 27.
        var image = TestImages.Single(TestImages.Core(0, NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 1, biasMantissa: 100));
        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        RunResult result = sim.Run(30);
        Assert.Equal([6, 13, 20, 27], result.Spikes.Select(s => s.Tick));
        Assert.Equal([4], result.ReadoutSpikeCounts("out"));
        // t = 29: two ticks after the spike at 27 → v = 200.
        Assert.Equal([200], result.ReadoutVoltages("out"));
    }

    [Fact]
    public void Run_HeldCurrent_IntegratesLikeABias()
    {
        // Direct encoding: current 3 from tick 2 → u = 3 << 6 = 192 per tick; threshold 10 << 6 = 640.
        // v = 192, 384, 576, 768 at ticks 2..5 → first spike at tick 5 (zero reset), then 9, 13.
        // Current set to 0 at tick 14 → no more spikes.
        var core = TestImages.Core(0, NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 2);
        var image = TestImages.Single(core) with
        {
            CurrentInputs = [new NeuronPort { Name = "x", Cores = [0, 0], Neurons = [0, 1] }],
        };
        var input = new InputSchedule();
        input.SetCurrent(2, "x", 1, 3);
        input.SetCurrent(14, "x", 1, 0);
        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        Assert.Equal([5, 9, 13], sim.Run(30, input).Spikes.Select(s => s.Tick));
    }

    /// <summary>One IF neuron (threshold 60 &lt;&lt; 6, zero reset) behind one input axon of weight 5, exponent 1.</summary>
    private static ChipImage GradedPayloadImage()
    {
        var core = TestImages.Core(0, NeuronProfile.IntegrateAndFire(60, ResetMode.Zero), 1) with
        {
            Axons = [new SparseRow { Targets = [0], Weights = [5], WeightExponent = 1 }],
        };
        return TestImages.Single(core) with { SpikeInputs = [TestImages.InputTo(0, 1)] };
    }

    [Fact]
    public void Run_GradedPayload_ScalesTheWeight()
    {
        // Weight 5, exponent 1 → 10 per unit payload; payload 7 → a = 70 → u = 70 << 6 = 4480;
        // IF threshold 60 << 6 = 3840 < 4480 → fires; payload 6 → 3840, not above → silent.
        ChipImage image = GradedPayloadImage();
        var input = new InputSchedule();
        input.AddSpike(1, "in", 0, payload: 6);
        input.AddSpike(5, "in", 0, payload: 7);
        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        Assert.Equal([5], sim.Run(10, input).Spikes.Select(s => s.Tick));
    }

    [Fact]
    public void Run_SpikesAddedOutOfTickOrder_AreDeliveredByTick_AndDoNotLeakIntoTheNextRun()
    {
        // As above (payload 7 fires, payload 6 does not), with the tick-5 spike added first.
        ChipImage image = GradedPayloadImage();
        var input = new InputSchedule();
        input.AddSpike(5, "in", 0, payload: 7);
        input.AddSpike(1, "in", 0, payload: 6);
        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        Assert.Equal([5], sim.Run(10, input).Spikes.Select(s => s.Tick));

        // A second run on the same simulator sees only its own input: payload 6 alone stays silent.
        sim.Reset();
        var second = new InputSchedule();
        second.AddSpike(1, "in", 0, payload: 6);
        Assert.Empty(sim.Run(10, second).Spikes);
    }

    [Fact]
    public void Run_NegativeWeightExponent_ShiftsRight()
    {
        // Weight 100 with exponent −2 → 25 → u = 1600 > 24 << 6 = 1536 → spike; threshold 25 << 6 = 1600 → not above.
        static IReadOnlyList<SpikeEvent> Fire(int vth)
        {
            var core = TestImages.Core(0, NeuronProfile.IntegrateAndFire(vth, ResetMode.Zero), 1) with
            {
                Axons = [new SparseRow { Targets = [0], Weights = [100], WeightExponent = -2 }],
            };
            var image = TestImages.Single(core) with { SpikeInputs = [TestImages.InputTo(0, 1)] };
            var input = new InputSchedule();
            input.AddSpike(0, "in", 0);
            using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
            return sim.Run(3, input).Spikes;
        }

        Assert.Single(Fire(24));
        Assert.Empty(Fire(25));
    }

    [Fact]
    public void Run_VoltageProbe_RecordsEveryTick()
    {
        // Bias 100, threshold 640, zero reset: v = 100, 200, ..., 600, 0 (spike at t = 6), 100.
        var image = TestImages.Single(TestImages.Core(3, NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 1, biasMantissa: 100));
        using var sim = new Simulator(image, new SimulatorOptions { TracedNeurons = [new NeuronRef(3, 0)] });
        Assert.Equal([100, 200, 300, 400, 500, 600, 0, 100], sim.Run(8).Traces[0].V);
    }

    [Fact]
    public void Run_UnknownPort_SaysWhichPortsExist()
    {
        var image = TestImages.Single(TestImages.Core(0, NeuronProfile.IntegrateAndFire(10), 1)) with { SpikeInputs = [TestImages.InputTo(0, 0)] };
        var input = new InputSchedule();
        input.AddSpike(0, "pixels", 0);
        using var sim = new Simulator(image);
        var e = Assert.Throws<UserInputException>(() => sim.Run(2, input));
        Assert.Contains("no spike input port 'pixels'", e.Message);
        Assert.Contains("in", e.Message);
    }

    [Fact]
    public void Construct_InvalidImage_ListsTheViolation()
    {
        var image = TestImages.Single(TestImages.Core(0, NeuronProfile.IntegrateAndFire(10), 65));
        var e = Assert.Throws<UserInputException>(() => new Simulator(image));
        Assert.Contains("core 0: neurons = 65 exceeds the limit 64", e.Message);
    }
}
