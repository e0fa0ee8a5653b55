namespace NeuroChip.EventSim.Engine;

/// <summary>
/// A sense-reversing barrier for short ticks: workers spin (then yield through <see cref="SpinWait"/>)
/// instead of blocking, so a tick of a few microseconds does not pay a kernel round trip. The last worker
/// to arrive runs the post-phase action alone before releasing the others.
/// </summary>
internal sealed class SpinBarrier
{
    private readonly int participants;
    private readonly Action postPhase;
    private int remaining;
    private volatile bool sense;

    public SpinBarrier(int participants, Action postPhase)
    {
        this.participants = participants;
        this.postPhase = postPhase;
        remaining = participants;
    }

    /// <summary>Set when a worker failed: waiting workers leave instead of spinning forever.</summary>
    public volatile bool Broken;

    public void SignalAndWait()
    {
        bool mySense = !sense;
        if (Interlocked.Decrement(ref remaining) == 0)
        {
            try
            {
                postPhase();
            }
            finally
            {
                remaining = participants;
                sense = mySense;
            }

            return;
        }

        var spinner = default(SpinWait);
        while (sense != mySense)
        {
            if (Broken)
            {
                throw new OperationCanceledException("Another simulation worker failed.");
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
