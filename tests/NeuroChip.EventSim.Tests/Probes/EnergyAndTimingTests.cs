using NeuroChip.EventSim.Probes;

namespace NeuroChip.EventSim.Tests.Probes;

public sealed class EnergyAndTimingTests
{
    // Core 0 (tile 0 at (0,0)): one IF neuron, bias 100, threshold 640 → spikes at ticks 6 and 13.
    // It routes to core 7 (tile 3 at (1,1)) axon 0: three synapses of weight 1 onto three IF neurons
    // with a threshold they never reach. 14 ticks.
    private static RunResult HandCountedRun()
    {
        var image = new ChipImage
        {
            Chip = TestImages.Tiny,
            Cores =
            [
                TestImages.Core(0, NeuronProfile.IntegrateAndFire(10, ResetMode.Zero), 1, biasMantissa: 100) with { Routes = RouteTable.FromLists([[(7, 0)]]) },
                TestImages.Core(7, NeuronProfile.IntegrateAndFire(100_000), 3) with { Axons = [new SparseRow { Targets = [0, 1, 2], Weights = [1, 1, 1] }] },
            ],
        };
        using var sim = new Simulator(image, new SimulatorOptions { Timing = true });
        return sim.Run(14);
    }

    [Fact]
    public void Counters_HandCountedRun_MatchTheHandCount()
    {
        // Spikes: 2 (ticks 6 and 13). Packets: 2 (one route entry each). The packet of tick 6 is delivered
        // at tick 7 → 3 synaptic ops; the one of tick 13 would arrive at tick 14, after the run.
        // Core 0: 14 active updates (bias ≠ 0). Core 7: v ≠ 0 from tick 7 → 7 ticks × 3 active, 7 × 3 idle.
        // Hops per packet: (0,0) → (1,1) is 1 east-west + 1 north-south.
        RunCounters c = HandCountedRun().Counters;
        Assert.Equal(2, c.TotalSpikes);
        Assert.Equal(2, c.TotalPackets);
        Assert.Equal(3, c.TotalSynapticOps);
        Assert.Equal((14, 0), (c.Cores[0].ActiveUpdates, c.Cores[0].IdleUpdates));
        Assert.Equal((21, 21), (c.Cores[1].ActiveUpdates, c.Cores[1].IdleUpdates));
        Assert.Equal((2, 2), (c.TotalHopsEastWest, c.TotalHopsNorthSouth));
        // Link loads: east from tile 0 (link 0·4 + East = 0) and north from tile 1 (link 1·4 + North = 6).
        Assert.Equal(2, c.LinkPackets[0]);
        Assert.Equal(2, c.LinkPackets[6]);
        Assert.Equal(4, c.LinkPackets.Sum());
    }

    [Fact]
    public void Energy_HandCountedRun_IsTheSumOfCountsTimesCoefficients()
    {
        // 3 × 23.6 + 35 × 81 + 21 × 52 + 2 × 1.7 + 2 × 3.0 + 2 × 4.0
        //   = 70.8 + 2,835 + 1,092 + 3.4 + 6 + 8 = 4,015.2 pJ dynamic.
        RunResult run = HandCountedRun();
        EnergyReport energy = EnergyModel.Compute(run.Counters, TestImages.Tiny, run.Timing!.TotalNs);
        Assert.Equal(4015.2, energy.DynamicPj, 6);
        Assert.Equal(104 * run.Timing.TotalNs, energy.StaticPj, 6);
        Assert.Equal(energy.DynamicPj, energy.ByCore.Sum(c => c.EnergyPj), 6);
        Assert.All(energy.ByOperation, l => Assert.False(string.IsNullOrEmpty(l.Source)));
    }

    [Fact]
    public void Timing_HandCountedRun_ReplaysTheTicks()
    {
        // Tick 0: core 0 busy 8.4 ns (1 active update), core 7 busy 3 × 5.3 = 15.9 ns; no packets;
        //   duration 15.9 + 113 (barrier) = 128.9 ns.
        // Tick 6: same busy times; one packet leaves core 0 at 8.4, crosses the east link (0.29 ns) and hops
        //   4.1 ns → 12.79; crosses the north link (0.29) and hops 6.5 → 19.58; enters core 7 in 2.1 → 21.68.
        //   duration 21.68 + 113 = 134.68 ns: the network bounds this tick.
        // Tick 7: core 7 does 3 synaptic ops (3 × 3.5) and 3 active updates (3 × 8.4) = 35.7 → 148.7 ns, the slowest.
        // Tick 13: the packet arrives at 21.68 but core 7 is busy until 25.2, so only tick 6 is network-bound.
        TimingReport t = HandCountedRun().Timing!;
        Assert.Equal(14, t.Ticks);
        Assert.Equal(128.9, t.TickNs[0], 9);
        Assert.Equal(134.68, t.TickNs[6], 9);
        Assert.Equal(148.7, t.TickNs[7], 9);
        Assert.Equal(7, t.SlowestTick);
        Assert.Equal(1, t.NetworkBoundTicks);
        Assert.Equal(7, t.CriticalCore);
        Assert.Equal("tile (0,0) east", t.CriticalLinkDescription);
    }
}
