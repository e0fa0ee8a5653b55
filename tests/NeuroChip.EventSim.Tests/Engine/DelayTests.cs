namespace NeuroChip.EventSim.Tests.Engine;

public sealed class DelayTests
{
    // Two cores: core 0 neuron 0 is driven by input axon 0 with one synapse of delay d (weight 10,
    // threshold 0 → any positive input fires); it routes to core 1 axon 0, whose synapse (delay d)
    // drives core 1 neuron 0. IF neurons, so only the tick of arrival can fire them.
    private static ChipImage Chain(int delay) => new()
    {
        Chip = TestImages.Tiny,
        Cores =
        [
            new CoreConfig
            {
                CoreId = 0,
                Profiles = [NeuronProfile.IntegrateAndFire(0, ResetMode.Zero)],
                Neurons = NeuronTable.Uniform(1),
                Axons = [new SparseRow { Targets = [0], Weights = [10], Delays = [delay] }],
                Routes = RouteTable.FromLists([[(7, 0)]]),
            },
            new CoreConfig
            {
                CoreId = 7,
                Profiles = [NeuronProfile.IntegrateAndFire(0, ResetMode.Zero)],
                Neurons = NeuronTable.Uniform(1),
                Axons = [new SparseRow { Targets = [0], Weights = [10], Delays = [delay] }],
                Routes = RouteTable.Empty(1),
            },
        ],
        SpikeInputs = [TestImages.InputTo(0, 1)],
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(62)]
    public void Run_SynapticDelay_ArrivesOnTheRightTick(int delay)
    {
        // Input at tick 3 lands in slot 3 + d: core 0 fires at 3 + d.
        // That spike is routed and delivered at 3 + d + 1 and lands at 3 + d + 1 + d: core 7 fires then.
        var input = new InputSchedule();
        input.AddSpike(3, "in", 0);
        using var sim = new Simulator(Chain(delay), new SimulatorOptions { RecordSpikes = true });
        RunResult result = sim.Run(200, input);
        Assert.Equal(
            [new SpikeEvent(3 + delay, 0, 0), new SpikeEvent(4 + (2 * delay), 7, 0)],
            result.Spikes);
    }

    [Fact]
    public void Run_DenseRowWithDelay_ArrivesOnTheRightTick()
    {
        // A dense row of 3 weights (10, 0, 10) with delay 5 onto neurons 0..2; input at tick 0.
        // Neurons 0 and 2 fire at tick 5; neuron 1 (weight 0) never does.
        var image = new ChipImage
        {
            Chip = TestImages.Tiny,
            Cores =
            [
                new CoreConfig
                {
                    CoreId = 0,
                    Profiles = [NeuronProfile.IntegrateAndFire(0, ResetMode.Zero)],
                    Neurons = NeuronTable.Uniform(3),
                    Axons = [new DenseRow { FirstTarget = 0, Weights = [10, 0, 10], Delay = 5 }],
                    Routes = RouteTable.Empty(3),
                },
            ],
            SpikeInputs = [TestImages.InputTo(0, 1)],
        };
        var input = new InputSchedule();
        input.AddSpike(0, "in", 0);
        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        Assert.Equal([new SpikeEvent(5, 0, 0), new SpikeEvent(5, 0, 2)], sim.Run(10, input).Spikes);
    }
}
