namespace NeuroChip.EventSim.Tests.Engine;

public sealed class AllocationTests
{
    private static long AllocatedBy(Simulator sim, int ticks, InputSchedule input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.Run(ticks, input);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_TickLoop_AllocatesNothingPerTick(bool timing)
    {
        // A run allocates its setup (input plan, probes, result) once; the ticks themselves allocate
        // nothing, so 2,000 ticks cost the same bytes as 20 apart from the timing replay's three per-tick arrays of
        // doubles (the list of durations, the report's copy and its sorted copy: 24 bytes a tick).
        var image = RandomImages.Create(21);
        using var sim = new Simulator(image, new SimulatorOptions { Timing = timing });
        var quiet = new InputSchedule();
        sim.Run(50, RandomImages.Input(21, 50));
        AllocatedBy(sim, 20, quiet);
        long shortRun = AllocatedBy(sim, 20, quiet);
        long longRun = AllocatedBy(sim, 2000, quiet);
        long perTickArrays = timing ? 3 * 8 * (2000 - 20) : 0;
        Assert.InRange(longRun - shortRun - perTickArrays, long.MinValue, 2048);
    }
}
