namespace NeuroChip.EventSim.Engine;

/// <summary>
/// A phase barrier for short ticks: a waiting worker first spins (a tick of a few microseconds should not
/// pay a kernel round trip), then blocks on the phase's event, so a loaded machine is not burned by
/// spinning on a worker that is not scheduled. The last worker to arrive runs the post-phase action
/// alone before releasing the others.
/// </summary>
internal sealed class SpinBarrier : IDisposable
{
    private const int SpinIterations = 200;
    private readonly int participants;
    private readonly Action postPhase;
    private readonly ManualResetEventSlim[] released = [new(false, 0), new(false, 0)];
    private int remaining;
    private volatile int phase;

    public SpinBarrier(int participants, Action postPhase)
    {
        this.participants = participants;
        this.postPhase = postPhase;
        remaining = participants;
    }

    /// <summary>Set when a worker failed: waiting workers leave instead of waiting forever.</summary>
    public volatile bool Broken;

    public void SignalAndWait()
    {
        int myPhase = phase;
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            try
            {
                postPhase();
            }
            finally
            {
                remaining = participants;
                released[(myPhase + 1) & 1].Reset();
                phase = myPhase + 1;
                released[myPhase & 1].Set();
            }

            return;
        }

        var spinner = default(SpinWait);
        for (int i = 0; i < SpinIterations && phase == myPhase; i++)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        while (phase == myPhase)
        {
            if (Broken)
            {
                throw new OperationCanceledException("Another simulation worker failed.");
            }

            released[myPhase & 1].Wait(50);
        }
    }

    public void Dispose()
    {
        foreach (ManualResetEventSlim e in released)
        {
            e.Dispose();
        }
    }
}
