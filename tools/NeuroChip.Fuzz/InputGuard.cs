using System.Diagnostics;

namespace NeuroChip.Fuzz;

/// <summary>
/// Runs one input through a target and turns the three failures the fuzzer must see into crashes:
/// an unexpected exception (rethrown), a hang (a watchdog aborts the process after <see cref="TimeLimit"/>),
/// and a memory blow-up (more than <see cref="AllocationFactor"/> × input + <see cref="AllocationFixedBytes"/>
/// allocated on the parsing thread).
/// </summary>
internal sealed class InputGuard
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);
    public const long AllocationFactor = 10;
    public const long AllocationFixedBytes = 16L << 20;

    private readonly FuzzTarget target;
    private long startedTimestamp;

    public InputGuard(FuzzTarget target)
    {
        this.target = target;
        var watchdog = new Thread(Watch) { IsBackground = true, Name = "fuzz watchdog" };
        watchdog.Start();
    }

    /// <summary>Largest allocation seen for one input, in bytes.</summary>
    public long PeakAllocatedBytes { get; private set; }

    /// <summary>Longest time one input took.</summary>
    public TimeSpan PeakTime { get; private set; }

    public static long AllocationLimit(int inputLength) => (AllocationFactor * inputLength) + AllocationFixedBytes;

    public void Run(byte[] input)
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        Volatile.Write(ref startedTimestamp, start);
        try
        {
            target.Parse(input);
        }
        catch (Exception e) when (target.IsExpected(e))
        {
            // The parser rejected bad input the documented way.
        }
        finally
        {
            Volatile.Write(ref startedTimestamp, 0);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        PeakTime = elapsed > PeakTime ? elapsed : PeakTime;
        PeakAllocatedBytes = Math.Max(PeakAllocatedBytes, allocated);
        if (allocated > AllocationLimit(input.Length))
        {
            throw new InsufficientMemoryException(
                $"{target.Name}: a {input.Length}-byte input allocated {allocated} bytes, over the limit of {AllocationLimit(input.Length)} ({AllocationFactor}× input + {AllocationFixedBytes}).");
        }

        if (elapsed > TimeLimit)
        {
            throw new TimeoutException($"{target.Name}: one input took {elapsed.TotalMilliseconds:F0} ms, over the limit of {TimeLimit.TotalMilliseconds:F0} ms.");
        }
    }

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(100);
            long started = Volatile.Read(ref startedTimestamp);
            if (started != 0 && Stopwatch.GetElapsedTime(started) > TimeLimit)
            {
                Environment.FailFast($"{target.Name}: one input has run for more than {TimeLimit.TotalMilliseconds:F0} ms (hang).");
            }
        }
    }
}
