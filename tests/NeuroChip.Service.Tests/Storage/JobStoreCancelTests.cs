using Microsoft.Data.Sqlite;
namespace NeuroChip.Service.Tests.Storage;

/// <summary>The durable cancel of a running job, and the schema upgrade that brought it.</summary>
public sealed class JobStoreCancelTests : IDisposable
{
    private readonly TempDirectory data = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        data.Dispose();
    }

    [Fact]
    public void RecoverUnfinished_CancelAcceptedThenProcessDied_JobCancelledNotRequeued()
    {
        var store = new JobStore(new ServiceDatabase(data.Path), TimeProvider.System);
        string cancelled = JobPaths.NewJobId(), other = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(cancelled, "k1", "run", "{}", maxActive: 5));
        Assert.NotNull(store.TryInsert(other, "k1", "run", "{}", maxActive: 5));
        Assert.True(store.TryStart(cancelled, "run-a", "w0"));
        Assert.True(store.TryStart(other, "run-b", "w1"));
        Assert.True(store.TryRequestCancel(cancelled));

        // The process dies here: neither run recorded an outcome. A new process opens the same file.
        SqliteConnection.ClearAllPools();
        var restarted = new JobStore(new ServiceDatabase(data.Path), TimeProvider.System);

        Assert.Equal([other], restarted.RecoverUnfinished());
        Assert.Equal(JobState.Cancelled, restarted.Get(cancelled)!.State);
        Assert.Equal(JobState.Queued, restarted.Get(other)!.State);
        Assert.False(restarted.TryStart(cancelled, "run-c", "w0"));
    }

    [Fact]
    public void TryRequestCancel_JobNotRunning_Refused()
    {
        var store = new JobStore(new ServiceDatabase(data.Path), TimeProvider.System);
        string id = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(id, "k1", "run", "{}", maxActive: 5));
        Assert.False(store.TryRequestCancel(id)); // queued: cancelled directly, not through the flag
        Assert.True(store.TryStart(id, "run-a", "w0"));
        Assert.True(store.TryComplete(id, "run-a", [], null));
        Assert.False(store.TryRequestCancel(id));
        Assert.False(store.Get(id)!.CancelRequested);
    }

    [Fact]
    public void TryComplete_AfterCancelAccepted_RefusedSoTheJobEndsCancelled()
    {
        var store = new JobStore(new ServiceDatabase(data.Path), TimeProvider.System);
        string id = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(id, "k1", "run", "{}", maxActive: 5));
        Assert.True(store.TryStart(id, "run-a", "w0"));
        Assert.True(store.TryRequestCancel(id));
        Assert.False(store.TryComplete(id, "run-a", [], null));
        Assert.False(store.TryRequeue(id, "run-a", "server stopping"));
        Assert.True(store.TryCancelRunning(id, "run-a"));
    }

    [Fact]
    public void Open_VersionOneDatabase_UpgradedKeepingItsJobs()
    {
        // A database as version 1 of the service wrote it: the jobs table without cancel_requested.
        string file = Path.Combine(data.Path, ServiceDatabase.FileName);
        using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            connection.Open();
            using SqliteCommand create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE schema_info (version INTEGER NOT NULL); INSERT INTO schema_info VALUES (1);
                CREATE TABLE jobs (id TEXT PRIMARY KEY, key_id TEXT NOT NULL, kind TEXT NOT NULL, state TEXT NOT NULL, options TEXT NOT NULL,
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, run_token TEXT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    progress REAL NOT NULL DEFAULT 0, message TEXT NULL, error TEXT NULL, summary TEXT NULL);
                INSERT INTO jobs (id, key_id, kind, state, options, created_at, updated_at, run_token)
                    VALUES ('job_0123456789abcdef01234567', 'k1', 'run', 'running', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'old');
                """;
            create.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var store = new JobStore(new ServiceDatabase(data.Path), TimeProvider.System);

        JobRecord job = store.Get("job_0123456789abcdef01234567")!;
        Assert.False(job.CancelRequested);
        Assert.True(store.TryRequestCancel(job.Id));
        Assert.Empty(store.RecoverUnfinished());
        Assert.Equal(JobState.Cancelled, store.Get(job.Id)!.State);
    }
}
