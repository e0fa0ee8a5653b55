using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NeuroChip.Service.Hosting;

namespace NeuroChip.Service.Storage;

/// <summary>
/// Keeps the data directory to what the database knows. At start-up, before any worker runs: every
/// <c>staging-*</c> directory (a run a previous process did not finish) and every job directory
/// without a database row (a submission cut off between its files and its row) is removed. Then
/// hourly: finished jobs older than <see cref="ServiceOptions.KeepDays"/> are deleted with their files.
/// </summary>
internal sealed partial class StorageJanitor(JobStore store, JobPaths paths, IOptions<ServiceOptions> options, TimeProvider time, ILogger<StorageJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>A job directory this young without a row may belong to a submission in progress.</summary>
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        (int staging, int orphans) = RemoveLeftovers(includeStaging: true, minimumOrphanAge: TimeSpan.Zero);
        if (staging + orphans > 0)
        {
            LogLeftovers(staging, orphans);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>Deletes finished jobs past the retention and their directories; returns how many.</summary>
    public int ApplyRetention()
    {
        if (options.Value.KeepDays == 0)
        {
            return 0;
        }

        IReadOnlyList<string> expired = store.DeleteFinishedBefore(time.GetUtcNow() - TimeSpan.FromDays(options.Value.KeepDays));
        foreach (string id in expired)
        {
            TryDelete(paths.JobDirectory(id));
        }

        return expired.Count;
    }

    /// <summary>Removes staging directories (only when no run can be active) and job directories the database does not know.</summary>
    public (int Staging, int Orphans) RemoveLeftovers(bool includeStaging, TimeSpan minimumOrphanAge)
    {
        string jobs = Path.Combine(paths.DataDirectory, "jobs");
        if (!Directory.Exists(jobs))
        {
            return (0, 0);
        }

        int staging = 0, orphans = 0;
        foreach (string directory in Directory.EnumerateDirectories(jobs))
        {
            string id = Path.GetFileName(directory);
            bool known = JobPaths.IsJobId(id) && store.Exists(id);
            if (!known)
            {
                if (time.GetUtcNow() - Directory.GetCreationTimeUtc(directory) >= minimumOrphanAge && TryDelete(directory))
                {
                    orphans++;
                }

                continue;
            }

            if (includeStaging)
            {
                staging += Directory.EnumerateDirectories(directory, "staging-*").Count(TryDelete);
            }
        }

        return (staging, orphans);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                int expired = ApplyRetention();
                (_, int orphans) = RemoveLeftovers(includeStaging: false, OrphanAge);
                if (expired + orphans > 0)
                {
                    LogHousekeeping(expired, orphans);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogHousekeepingFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Staging} unfinished run director(ies) and {Orphans} job director(ies) without a database row")]
    private partial void LogLeftovers(int staging, int orphans);

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping: deleted {Expired} expired job(s) and {Orphans} orphan director(ies)")]
    private partial void LogHousekeeping(int expired, int orphans);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping failed; it runs again within the hour")]
    private partial void LogHousekeepingFailed(Exception exception);
}
