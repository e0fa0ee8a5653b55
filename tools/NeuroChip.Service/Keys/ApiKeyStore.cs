using Microsoft.Data.Sqlite;
using NeuroChip.EventSim;
using NeuroChip.Service.Storage;

namespace NeuroChip.Service.Keys;

/// <summary>API keys in the service database: created and revoked by the administrator, verified on every request.</summary>
internal sealed class ApiKeyStore(ServiceDatabase database, TimeProvider time)
{
    public CreatedApiKey Create(string name, KeyLimits limits)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new UserInputException($"Key name '{name}': give a name of 1 to 100 characters (who or what uses the key).");
        }

        if (limits.Problem() is { } problem)
        {
            throw new UserInputException(problem);
        }

        (string id, string secret, string token) = ApiKeyToken.NewKey();
        byte[] salt = ApiKeyToken.NewSalt();
        DateTimeOffset now = time.GetUtcNow();
        database.Write((connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO api_keys (id, name, salt, hash, max_upload_bytes, max_neurons, max_ticks, max_concurrent_jobs, created_at)
                VALUES ($id, $name, $salt, $hash, $upload, $neurons, $ticks, $concurrent, $now)
                """;
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$salt", salt);
            insert.Parameters.AddWithValue("$hash", ApiKeyToken.Hash(salt, secret));
            insert.Parameters.AddWithValue("$upload", limits.MaxUploadBytes);
            insert.Parameters.AddWithValue("$neurons", limits.MaxNeurons);
            insert.Parameters.AddWithValue("$ticks", limits.MaxTicks);
            insert.Parameters.AddWithValue("$concurrent", limits.MaxConcurrentJobs);
            insert.Parameters.AddWithValue("$now", Timestamps.Format(now));
            return insert.ExecuteNonQuery();
        });
        return new CreatedApiKey(new ApiKeyInfo(id, name, limits, now, null), token);
    }

    public IReadOnlyList<ApiKeyInfo> List()
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT id, name, max_upload_bytes, max_neurons, max_ticks, max_concurrent_jobs, created_at, revoked_at FROM api_keys ORDER BY created_at, id";
        using SqliteDataReader reader = select.ExecuteReader();
        var keys = new List<ApiKeyInfo>();
        while (reader.Read())
        {
            keys.Add(new ApiKeyInfo(
                reader.GetString(0),
                reader.GetString(1),
                ReadLimits(reader, 2),
                Timestamps.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : Timestamps.Parse(reader.GetString(7))));
        }

        return keys;
    }

    /// <summary>Revokes a key by id; false when no active key has that id.</summary>
    public bool Revoke(string id)
    {
        string now = Timestamps.Format(time.GetUtcNow());
        return database.Write((connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE api_keys SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$now", now);
            return update.ExecuteNonQuery() == 1;
        });
    }

    /// <summary>The active key a presented token belongs to, or null for a malformed, unknown, revoked or wrong token.</summary>
    public AuthenticatedKey? Verify(string? token)
    {
        if (!ApiKeyToken.TryParse(token, out string id, out string secret))
        {
            return null;
        }

        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = "SELECT salt, hash, max_upload_bytes, max_neurons, max_ticks, max_concurrent_jobs, name FROM api_keys WHERE id = $id AND revoked_at IS NULL";
        select.Parameters.AddWithValue("$id", id);
        using SqliteDataReader reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        byte[] salt = (byte[])reader.GetValue(0);
        byte[] hash = (byte[])reader.GetValue(1);
        return ApiKeyToken.Matches(salt, hash, secret) ? new AuthenticatedKey(id, reader.GetString(6), ReadLimits(reader, 2)) : null;
    }

    private static KeyLimits ReadLimits(SqliteDataReader reader, int first) => new()
    {
        MaxUploadBytes = reader.GetInt64(first),
        MaxNeurons = reader.GetInt32(first + 1),
        MaxTicks = reader.GetInt32(first + 2),
        MaxConcurrentJobs = reader.GetInt32(first + 3),
    };
}
