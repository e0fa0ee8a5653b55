using System.Text;
using Microsoft.Data.Sqlite;

namespace NeuroChip.Service.Storage;

/// <summary>A position in a key's job list, newest first: the last job a page showed.</summary>
internal readonly record struct JobCursor(string CreatedAt, string Id)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CreatedAt}|{Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a cursor a page handed out; false for anything else.</summary>
    public static bool TryDecode(string text, out JobCursor cursor)
    {
        cursor = default;
        if (text.Length is 0 or > 200)
        {
            return false;
        }

        string base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        Span<byte> bytes = stackalloc byte[200];
        if (!Convert.TryFromBase64String(base64, bytes, out int written))
        {
            return false;
        }

        string[] parts = Encoding.UTF8.GetString(bytes[..written]).Split('|');
        if (parts.Length != 2 || !JobPaths.IsJobId(parts[1]) || !DateTimeOffset.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _))
        {
            return false;
        }

        cursor = new JobCursor(parts[0], parts[1]);
        return true;
    }
}

/// <summary>One page of a key's jobs and the cursor of the next page (null on the last).</summary>
internal sealed record JobPage(IReadOnlyList<JobRecord> Jobs, JobCursor? Next);

/// <summary>Listing, deletion, retention and storage accounting.</summary>
internal sealed partial class JobStore
{
    /// <summary>The key's jobs newest first, optionally in one state, after <paramref name="after"/>, at most <paramref name="limit"/>.</summary>
    public JobPage List(string keyId, int limit, JobState? state = null, JobCursor? after = null)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        var where = new StringBuilder("key_id = $key");
        select.Parameters.AddWithValue("$key", keyId);
        if (state is { } s)
        {
            where.Append(" AND state = $state");
            select.Parameters.AddWithValue("$state", s.ToText());
        }

        if (after is { } cursor)
        {
            where.Append(" AND (created_at < $at OR (created_at = $at AND id < $id))");
            select.Parameters.AddWithValue("$at", cursor.CreatedAt);
            select.Parameters.AddWithValue("$id", cursor.Id);
        }

        select.CommandText = $"SELECT {Columns}, created_at FROM jobs WHERE {where} ORDER BY created_at DESC, id DESC LIMIT $limit";
        select.Parameters.AddWithValue("$limit", limit + 1);
        using SqliteDataReader reader = select.ExecuteReader();
        var jobs = new List<JobRecord>();
        string? lastCreated = null;
        while (reader.Read())
        {
            if (jobs.Count == limit)
            {
                return new JobPage(jobs, new JobCursor(lastCreated!, jobs[^1].Id));
            }

            jobs.Add(Read(reader));
            lastCreated = reader.GetString(15);
        }

        return new JobPage(jobs, null);
    }

    /// <summary>Deletes a finished job of <paramref name="keyId"/> with its transitions and artifact rows; false when it is not finished or not the key's.</summary>
    public bool TryDelete(string id, string keyId) => database.Write((connection, transaction) =>
    {
        using SqliteCommand delete = Command(connection, transaction, "DELETE FROM jobs WHERE id = $id AND key_id = $key AND state IN ('done', 'failed', 'cancelled')");
        delete.Parameters.AddWithValue("$id", id);
        delete.Parameters.AddWithValue("$key", keyId);
        if (delete.ExecuteNonQuery() != 1)
        {
            return false;
        }

        DeleteDependents(connection, transaction, id);
        return true;
    });

    /// <summary>Deletes every job that finished before <paramref name="cutoff"/>; returns their ids so their files can go too.</summary>
    public IReadOnlyList<string> DeleteFinishedBefore(DateTimeOffset cutoff) => database.Write((connection, transaction) =>
    {
        var ids = new List<string>();
        using (SqliteCommand select = Command(connection, transaction, "SELECT id FROM jobs WHERE state IN ('done', 'failed', 'cancelled') AND updated_at < $cutoff"))
        {
            select.Parameters.AddWithValue("$cutoff", Timestamps.Format(cutoff));
            using SqliteDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        foreach (string id in ids)
        {
            using SqliteCommand delete = Command(connection, transaction, "DELETE FROM jobs WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            delete.ExecuteNonQuery();
            DeleteDependents(connection, transaction, id);
        }

        return (IReadOnlyList<string>)ids;
    });

    /// <summary>Whether a row exists for the job id (of any key).</summary>
    public bool Exists(string id) => Get(id) is not null;

    /// <summary>Bytes the key's jobs hold on disk: their inputs and their published artifacts.</summary>
    public long StoredBytes(string keyId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = """
            SELECT COALESCE((SELECT SUM(input_bytes) FROM jobs WHERE key_id = $key), 0)
                 + COALESCE((SELECT SUM(a.bytes) FROM artifacts a JOIN jobs j ON j.id = a.job_id WHERE j.key_id = $key), 0)
            """;
        select.Parameters.AddWithValue("$key", keyId);
        return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The database answers a read: what <c>/health</c> checks.</summary>
    public bool Ping()
    {
        try
        {
            using SqliteConnection connection = database.Open();
            using SqliteCommand select = connection.CreateCommand();
            select.CommandText = "SELECT COUNT(*) FROM schema_info";
            return Convert.ToInt64(select.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static void DeleteDependents(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        using SqliteCommand delete = Command(connection, transaction, "DELETE FROM artifacts WHERE job_id = $id; DELETE FROM job_transitions WHERE job_id = $id;");
        delete.Parameters.AddWithValue("$id", id);
        delete.ExecuteNonQuery();
    }
}
