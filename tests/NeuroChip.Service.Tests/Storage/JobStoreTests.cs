using Microsoft.Data.Sqlite;
namespace NeuroChip.Service.Tests.Storage;

public sealed class JobStoreTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly ServiceDatabase database;
    private readonly JobStore store;

    public JobStoreTests()
    {
        database = new ServiceDatabase(data.Path);
        store = new JobStore(database, TimeProvider.System);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        data.Dispose();
    }

    [Fact]
    public void TryComplete_SecondCompletionOrStaleRun_RefusedAndOneDoneTransition()
    {
        string id = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(id, "k1", "simulate", "{}", maxActive: 5));
        Assert.True(store.TryStart(id, "run-a", "w0"));
        Assert.False(store.TryStart(id, "run-b", "w1"));

        // The server dies; recovery requeues the run, a second run starts and finishes.
        Assert.Equal([id], store.RecoverUnfinished());
        Assert.True(store.TryStart(id, "run-c", "w0"));
        Assert.False(store.TryComplete(id, "run-a", [], null));
        Assert.True(store.TryComplete(id, "run-c", [new JobArtifact("report.json", "jobs/x/output/report.json", "application/json", 10)], "{}"));
        Assert.False(store.TryComplete(id, "run-c", [], null));
        Assert.False(store.TryFail(id, "run-c", "late"));

        Assert.Equal(JobState.Done, store.Get(id)!.State);
        Assert.Equal(2, store.Get(id)!.Attempts);
        Assert.Equal(["submitted→queued", "queued→running", "running→queued", "queued→running", "running→done"], Transitions(id));
        Assert.Single(store.Artifacts(id));
    }

    [Fact]
    public void TryInsert_KeyAtConcurrentLimit_RefusedUntilOneFinishes()
    {
        string a = JobPaths.NewJobId(), b = JobPaths.NewJobId(), c = JobPaths.NewJobId();
        Assert.NotNull(store.TryInsert(a, "k1", "simulate", "{}", maxActive: 2));
        Assert.NotNull(store.TryInsert(b, "k1", "simulate", "{}", maxActive: 2));
        Assert.Null(store.TryInsert(c, "k1", "simulate", "{}", maxActive: 2));
        Assert.NotNull(store.TryInsert(c, "k2", "simulate", "{}", maxActive: 2));
        Assert.True(store.TryCancelQueued(a));
        Assert.False(store.TryStart(a, "run", "w0"));
        Assert.NotNull(store.TryInsert(JobPaths.NewJobId(), "k1", "simulate", "{}", maxActive: 2));
    }

    [Fact]
    public void Verify_KeyStoredHashedAndRevoked_OnlyTheActiveExactTokenAccepted()
    {
        var keys = new ApiKeyStore(database, TimeProvider.System);
        CreatedApiKey created = keys.Create("team", new KeyLimits { MaxTicks = 77 });
        Assert.Equal(77, keys.Verify(created.Token)!.Limits.MaxTicks);
        Assert.Null(keys.Verify(created.Token + "x"));

        using (SqliteConnection connection = database.Open())
        using (SqliteCommand select = connection.CreateCommand())
        {
            select.CommandText = "SELECT hash, salt FROM api_keys";
            using SqliteDataReader reader = select.ExecuteReader();
            Assert.True(reader.Read());
            byte[] hash = (byte[])reader.GetValue(0);
            Assert.Equal(32, hash.Length); // SHA-256, not the token
            Assert.Equal(16, ((byte[])reader.GetValue(1)).Length);
            // The secret is base64url and may itself contain '_': take everything after the id, not a fragment
            // short enough to turn up in the hash bytes by chance.
            Assert.DoesNotContain(created.Token.Split('_', 3)[2], System.Text.Encoding.UTF8.GetString(hash), StringComparison.Ordinal);
        }

        Assert.True(keys.Revoke(created.Key.Id));
        Assert.False(keys.Revoke(created.Key.Id));
        Assert.Null(keys.Verify(created.Token));
    }

    private string[] Transitions(string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT COALESCE(from_state, 'submitted') || '→' || to_state FROM job_transitions WHERE job_id = $id ORDER BY seq";
        select.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = select.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return [.. list];
    }
}
