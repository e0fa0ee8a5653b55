using Microsoft.Data.Sqlite;

namespace NeuroChip.Service.Storage;

/// <summary>
/// Jobs, their transitions and artifacts in SQLite. Every state change is an <c>UPDATE … WHERE
/// state = expected</c> in the same transaction as its row in <c>job_transitions</c>; a change that
/// finds the job in another state does nothing and returns false.
/// </summary>
internal sealed partial class JobStore(ServiceDatabase database, TimeProvider time)
{
    private const string TokenGuard = " AND run_token = $token";
    private const string NotCancelled = " AND cancel_requested = 0";
    internal const string Columns = "id, key_id, kind, state, options, created_at, updated_at, attempts, progress, message, error, summary, run_token, cancel_requested, input_bytes";

    public string DataDirectory => database.DataDirectory;

    /// <summary>Inserts a queued job unless its key already has <paramref name="maxActive"/> jobs queued or running.</summary>
    public JobRecord? TryInsert(string id, string keyId, string kind, string options, int maxActive, long inputBytes = 0)
    {
        string now = Timestamps.Format(time.GetUtcNow());
        bool inserted = database.Write((connection, transaction) =>
        {
            using SqliteCommand insert = Command(connection, transaction, """
                INSERT INTO jobs (id, key_id, kind, state, options, created_at, updated_at, input_bytes)
                SELECT $id, $key, $kind, 'queued', $options, $now, $now, $inputBytes
                WHERE (SELECT COUNT(*) FROM jobs WHERE key_id = $key AND state IN ('queued', 'running')) < $max
                """);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$key", keyId);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$options", options);
            insert.Parameters.AddWithValue("$now", now);
            insert.Parameters.AddWithValue("$max", maxActive);
            insert.Parameters.AddWithValue("$inputBytes", inputBytes);
            if (insert.ExecuteNonQuery() != 1)
            {
                return false;
            }

            AddTransition(connection, transaction, id, null, JobState.Queued, now, "submitted");
            return true;
        });
        return inserted ? Get(id) : null;
    }

    /// <summary>Removes a job that was inserted but could not be queued (the queue filled in between).</summary>
    public void Withdraw(string id) => database.Write((connection, transaction) =>
    {
        using SqliteCommand delete = Command(connection, transaction, "DELETE FROM jobs WHERE id = $id AND state = 'queued'; DELETE FROM job_transitions WHERE job_id = $id;");
        delete.Parameters.AddWithValue("$id", id);
        return delete.ExecuteNonQuery();
    });

    /// <summary>Queued → Running with a fresh run token; false when the job is no longer queued.</summary>
    public bool TryStart(string id, string runToken, string worker) =>
        Transition(id, JobState.Queued, JobState.Running, worker, "run_token = $token, attempts = attempts + 1, progress = 0, message = NULL", "", ("$token", runToken));

    /// <summary>
    /// Running → Done for the run holding <paramref name="runToken"/>, recording the artifacts in the
    /// same transaction; false when the job is no longer that run's or a cancel was accepted meanwhile
    /// (an accepted cancel always ends the job cancelled).
    /// </summary>
    public bool TryComplete(string id, string runToken, IReadOnlyList<JobArtifact> artifacts, string? summary)
    {
        string now = Timestamps.Format(time.GetUtcNow());
        return database.Write((connection, transaction) =>
        {
            using SqliteCommand update = Command(connection, transaction, """
                UPDATE jobs SET state = 'done', updated_at = $now, progress = 1, message = NULL, summary = $summary
                WHERE id = $id AND state = 'running' AND run_token = $token AND cancel_requested = 0
                """);
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$token", runToken);
            update.Parameters.AddWithValue("$summary", (object?)summary ?? DBNull.Value);
            if (update.ExecuteNonQuery() != 1)
            {
                return false;
            }

            using SqliteCommand clear = Command(connection, transaction, "DELETE FROM artifacts WHERE job_id = $id");
            clear.Parameters.AddWithValue("$id", id);
            clear.ExecuteNonQuery();
            foreach (JobArtifact artifact in artifacts)
            {
                using SqliteCommand insert = Command(connection, transaction, "INSERT INTO artifacts (job_id, name, path, content_type, bytes) VALUES ($id, $name, $path, $type, $bytes)");
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$name", artifact.Name);
                insert.Parameters.AddWithValue("$path", artifact.RelativePath);
                insert.Parameters.AddWithValue("$type", artifact.ContentType);
                insert.Parameters.AddWithValue("$bytes", artifact.Bytes);
                insert.ExecuteNonQuery();
            }

            AddTransition(connection, transaction, id, JobState.Running, JobState.Done, now, null);
            return true;
        });
    }

    /// <summary>Running → Failed for the run holding <paramref name="runToken"/>.</summary>
    public bool TryFail(string id, string runToken, string error) =>
        Transition(id, JobState.Running, JobState.Failed, null, "error = $error, message = NULL", TokenGuard, ("$error", error), ("$token", runToken));

    /// <summary>Running → Cancelled for the run holding <paramref name="runToken"/> (the worker saw the cancellation).</summary>
    public bool TryCancelRunning(string id, string runToken) =>
        Transition(id, JobState.Running, JobState.Cancelled, "cancelled while running", "message = NULL", TokenGuard, ("$token", runToken));

    /// <summary>Queued → Cancelled.</summary>
    public bool TryCancelQueued(string id) =>
        Transition(id, JobState.Queued, JobState.Cancelled, "cancelled while queued", "message = NULL", "");

    /// <summary>Running → Queued for a run the server abandoned (shutdown); it will run again from the start. False when a cancel was accepted: that job ends cancelled instead.</summary>
    public bool TryRequeue(string id, string runToken, string note) =>
        Transition(id, JobState.Running, JobState.Queued, note, "run_token = NULL, progress = 0, message = NULL", TokenGuard + NotCancelled, ("$token", runToken));

    /// <summary>
    /// Records that the owner asked a running job to stop. Durable: should the process die before the
    /// run notices, start-up recovery ends the job cancelled instead of running it again. False when
    /// the job is not running.
    /// </summary>
    public bool TryRequestCancel(string id) => database.Write((connection, transaction) =>
    {
        using SqliteCommand update = Command(connection, transaction, "UPDATE jobs SET cancel_requested = 1 WHERE id = $id AND state = 'running'");
        update.Parameters.AddWithValue("$id", id);
        return update.ExecuteNonQuery() == 1;
    });

    /// <summary>Whether the owner has asked this running job to stop.</summary>
    public bool IsCancelRequested(string id) => Get(id) is { CancelRequested: true };

    /// <summary>
    /// At start-up: every job left Running by a previous process whose cancel was accepted ends
    /// Cancelled; the others go back to Queued (each recorded as a transition); then all queued jobs
    /// are returned oldest first.
    /// </summary>
    public IReadOnlyList<string> RecoverUnfinished()
    {
        string now = Timestamps.Format(time.GetUtcNow());
        return database.Write((connection, transaction) =>
        {
            using (SqliteCommand cancel = Command(connection, transaction, """
                INSERT INTO job_transitions (job_id, from_state, to_state, at, note)
                SELECT id, 'running', 'cancelled', $now, 'cancel accepted before restart' FROM jobs WHERE state = 'running' AND cancel_requested = 1;
                UPDATE jobs SET state = 'cancelled', run_token = NULL, message = NULL, updated_at = $now WHERE state = 'running' AND cancel_requested = 1;
                """))
            {
                cancel.Parameters.AddWithValue("$now", now);
                cancel.ExecuteNonQuery();
            }

            using (SqliteCommand log = Command(connection, transaction, """
                INSERT INTO job_transitions (job_id, from_state, to_state, at, note)
                SELECT id, 'running', 'queued', $now, 'recovered after restart' FROM jobs WHERE state = 'running'
                """))
            {
                log.Parameters.AddWithValue("$now", now);
                log.ExecuteNonQuery();
            }

            using (SqliteCommand requeue = Command(connection, transaction, "UPDATE jobs SET state = 'queued', run_token = NULL, progress = 0, message = NULL, updated_at = $now WHERE state = 'running'"))
            {
                requeue.Parameters.AddWithValue("$now", now);
                requeue.ExecuteNonQuery();
            }

            var ids = new List<string>();
            using SqliteCommand select = Command(connection, transaction, "SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_at, id");
            using SqliteDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return (IReadOnlyList<string>)ids;
        });
    }

    /// <summary>Progress of a running job (0..1) with a short message; ignored unless the run still holds the job.</summary>
    public void ReportProgress(string id, string runToken, double fraction, string? message) => database.Write((connection, transaction) =>
    {
        using SqliteCommand update = Command(connection, transaction, "UPDATE jobs SET progress = $progress, message = $message WHERE id = $id AND state = 'running' AND run_token = $token");
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$token", runToken);
        update.Parameters.AddWithValue("$progress", Math.Clamp(fraction, 0, 1));
        update.Parameters.AddWithValue("$message", (object?)message ?? DBNull.Value);
        return update.ExecuteNonQuery();
    });

    public JobRecord? Get(string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM jobs WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = select.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>The job if it belongs to <paramref name="keyId"/>; another key's job is indistinguishable from a missing one.</summary>
    public JobRecord? GetOwned(string id, string keyId) => Get(id) is { } job && job.KeyId == keyId ? job : null;

    public IReadOnlyList<JobArtifact> Artifacts(string id)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT name, path, content_type, bytes FROM artifacts WHERE job_id = $id ORDER BY name";
        select.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = select.ExecuteReader();
        var artifacts = new List<JobArtifact>();
        while (reader.Read())
        {
            artifacts.Add(new JobArtifact(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return artifacts;
    }

    /// <summary>Changes the state from <paramref name="from"/> to <paramref name="to"/> when the row is in <paramref name="from"/> and matches <paramref name="guard"/> (SQL ANDed to the WHERE clause).</summary>
    private bool Transition(string id, JobState from, JobState to, string? note, string setClause, string guard, params (string Name, object Value)[] parameters)
    {
        string now = Timestamps.Format(time.GetUtcNow());
        return database.Write((connection, transaction) =>
        {
            using SqliteCommand update = Command(connection, transaction, $"UPDATE jobs SET state = $to, updated_at = $now, {setClause} WHERE id = $id AND state = $from{guard}");
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$from", from.ToText());
            update.Parameters.AddWithValue("$to", to.ToText());
            update.Parameters.AddWithValue("$now", now);
            foreach ((string name, object value) in parameters)
            {
                update.Parameters.AddWithValue(name, value);
            }

            if (update.ExecuteNonQuery() != 1)
            {
                return false;
            }

            AddTransition(connection, transaction, id, from, to, now, note);
            return true;
        });
    }

    private static void AddTransition(SqliteConnection connection, SqliteTransaction transaction, string id, JobState? from, JobState to, string now, string? note)
    {
        using SqliteCommand insert = Command(connection, transaction, "INSERT INTO job_transitions (job_id, from_state, to_state, at, note) VALUES ($id, $from, $to, $now, $note)");
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$from", (object?)from?.ToText() ?? DBNull.Value);
        insert.Parameters.AddWithValue("$to", to.ToText());
        insert.Parameters.AddWithValue("$now", now);
        insert.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        insert.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static JobRecord Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        KeyId = r.GetString(1),
        Kind = r.GetString(2),
        State = JobStates.FromText(r.GetString(3)),
        Options = r.GetString(4),
        CreatedAt = Timestamps.Parse(r.GetString(5)),
        UpdatedAt = Timestamps.Parse(r.GetString(6)),
        Attempts = r.GetInt32(7),
        Progress = r.GetDouble(8),
        Message = r.IsDBNull(9) ? null : r.GetString(9),
        Error = r.IsDBNull(10) ? null : r.GetString(10),
        Summary = r.IsDBNull(11) ? null : r.GetString(11),
        RunToken = r.IsDBNull(12) ? null : r.GetString(12),
        CancelRequested = r.GetInt64(13) != 0,
        InputBytes = r.GetInt64(14),
    };
}
