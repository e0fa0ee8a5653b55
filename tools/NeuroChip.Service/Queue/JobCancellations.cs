using System.Collections.Concurrent;

namespace NeuroChip.Service.Queue;

/// <summary>The cancellation sources of the runs in progress, by job id.</summary>
internal sealed class JobCancellations
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> running = new(StringComparer.Ordinal);

    public void Register(string jobId, CancellationTokenSource source) => running[jobId] = source;

    public void Remove(string jobId) => running.TryRemove(jobId, out _);

    /// <summary>Asks the run of <paramref name="jobId"/> to stop; false when it is not running in this process.</summary>
    public bool Cancel(string jobId)
    {
        if (!running.TryGetValue(jobId, out CancellationTokenSource? source))
        {
            return false;
        }

        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
