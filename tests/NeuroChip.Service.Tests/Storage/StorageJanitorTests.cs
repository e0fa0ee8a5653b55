using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
namespace NeuroChip.Service.Tests.Storage;

/// <summary>Retention: finished jobs go with their files once they are older than --keep-days; others stay.</summary>
public sealed class StorageJanitorTests : IDisposable
{
    private readonly TempDirectory data = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        data.Dispose();
    }

    [Fact]
    public void ApplyRetention_ThirtyDays_OnlyJobsFinishedMoreThanThirtyDaysAgoDeleted()
    {
        var clock = new SettableTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var database = new ServiceDatabase(data.Path);
        var store = new JobStore(database, clock);
        var paths = new JobPaths(database);
        var janitor = new StorageJanitor(store, paths, Options.Create(new ServiceOptions { KeepDays = 30 }), clock, NullLogger<StorageJanitor>.Instance);

        string old = Finished(store, paths, "old");                 // finished 2026-01-01
        clock.Now += TimeSpan.FromDays(10);
        string recent = Finished(store, paths, "recent");           // finished 2026-01-11
        string running = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(running, "k1", "simulate", "{}", maxActive: 10));
        Assert.True(store.TryStart(running, "r", "w0"));            // never finishes

        clock.Now += TimeSpan.FromDays(25);                         // 2026-02-05: old is 35 days past, recent 25
        Assert.Equal(1, janitor.ApplyRetention());

        Assert.Null(store.Get(old));
        Assert.False(Directory.Exists(paths.JobDirectory(old)));
        Assert.NotNull(store.Get(recent));
        Assert.True(Directory.Exists(paths.JobDirectory(recent)));
        Assert.NotNull(store.Get(running));
    }

    private static string Finished(JobStore store, JobPaths paths, string token)
    {
        string id = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(id, "k1", "simulate", "{}", maxActive: 10));
        Directory.CreateDirectory(paths.OutputDirectory(id));
        Assert.True(store.TryStart(id, token, "w0"));
        Assert.True(store.TryComplete(id, token, [], null));
        return id;
    }

    private sealed class SettableTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
