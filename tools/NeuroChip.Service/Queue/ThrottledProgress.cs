using NeuroChip.Service.Jobs;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Queue;

/// <summary>Forwards every progress report to live streams and stores it in the database at most twice a second.</summary>
internal sealed class ThrottledProgress(JobStore store, JobUpdates updates, TimeProvider time, string jobId, string runToken) : IProgress<JobProgress>
{
    private static readonly TimeSpan StoreEvery = TimeSpan.FromMilliseconds(500);
    private long lastStored = long.MinValue;

    public void Report(JobProgress value)
    {
        updates.Publish(new JobUpdate(jobId, "running", value.Fraction, value.Message));
        long now = time.GetTimestamp();
        if (lastStored == long.MinValue || time.GetElapsedTime(lastStored, now) >= StoreEvery)
        {
            lastStored = now;
            store.ReportProgress(jobId, runToken, value.Fraction, value.Message);
        }
    }
}
