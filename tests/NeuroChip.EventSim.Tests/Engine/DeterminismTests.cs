using System.Security.Cryptography;
namespace NeuroChip.EventSim.Tests.Engine;

public sealed class DeterminismTests
{
    private static string RasterHash(RunResult result)
    {
        var bytes = new List<byte>();
        foreach (SpikeEvent s in result.Spikes)
        {
            bytes.AddRange(BitConverter.GetBytes(s.Tick));
            bytes.AddRange(BitConverter.GetBytes(s.Core));
            bytes.AddRange(BitConverter.GetBytes(s.Neuron));
        }

        return Convert.ToHexString(SHA256.HashData(bytes.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_OneTwoAndThreeThreads_GiveTheSameRaster(int seed)
    {
        var image = RandomImages.Create(seed);
        string[] hashes = new string[3];
        long[] ops = new long[3];
        for (int threads = 1; threads <= 3; threads++)
        {
            using var sim = new Simulator(image, new SimulatorOptions { Threads = threads, MinWorkPerWorker = 0, RecordSpikes = true });
            Assert.Equal(threads, sim.WorkerCount);
            RunResult result = sim.Run(300, RandomImages.Input(seed, 300));
            Assert.True(result.Spikes.Count > 50, $"the random network should be active (got {result.Spikes.Count} spikes)");
            hashes[threads - 1] = RasterHash(result);
            ops[threads - 1] = result.Counters.TotalSynapticOps;
        }

        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(hashes[0], hashes[2]);
        Assert.Equal(ops[0], ops[1]);
        Assert.Equal(ops[0], ops[2]);
    }

    [Fact]
    public void Run_SplitIntoTwoCalls_EqualsOneCall()
    {
        // State persists across Run calls: 100 + 100 ticks equal 200 ticks.
        var image = RandomImages.Create(7);
        var input = RandomImages.Input(7, 200);
        using var whole = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        var all = whole.Run(200, input).Spikes;

        var first = new InputSchedule();
        var second = new InputSchedule();
        foreach (var s in input.Spikes)
        {
            (s.Tick < 100 ? first : second).AddSpike(s.Tick < 100 ? s.Tick : s.Tick - 100, s.Port, s.Channel, s.Payload);
        }

        using var split = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        var joined = split.Run(100, first).Spikes.Concat(split.Run(100, second).Spikes).ToList();
        Assert.Equal(all, joined);
    }

    [Fact]
    public void Reset_AfterARun_ReproducesTheFirstRun()
    {
        var image = RandomImages.Create(11);
        using var sim = new Simulator(image, new SimulatorOptions { RecordSpikes = true });
        var first = sim.Run(150, RandomImages.Input(11, 150)).Spikes;
        sim.Reset();
        var again = sim.Run(150, RandomImages.Input(11, 150)).Spikes;
        Assert.Equal(first, again);
    }

    [Fact]
    public void Construct_SmallChip_UsesFewerWorkersThanAskedFor()
    {
        // 4 cores of 20–40 neurons with a few hundred synapses: far below 20,000 work units, so one worker;
        // with the threshold off, the three asked for.
        var image = RandomImages.Create(4);
        using var small = new Simulator(image, new SimulatorOptions { Threads = 3 });
        using var forced = new Simulator(image, new SimulatorOptions { Threads = 3, MinWorkPerWorker = 0 });
        Assert.Equal((1, 3), (small.WorkerCount, forced.WorkerCount));
    }
}
