using Microsoft.Data.Sqlite;
using NeuroChip.EventSim;

namespace NeuroChip.Service.Storage;

/// <summary>
/// The service's SQLite file: API keys, jobs, every state transition and artifact paths. Opened in
/// WAL mode so the HTTP handlers, the workers and <c>neurochip serve keys</c> can use it at once;
/// each operation takes a pooled connection of its own.
/// </summary>
internal sealed class ServiceDatabase
{
    public const string FileName = "neurochip-service.db";

    /// <summary>
    /// 2 added <c>jobs.cancel_requested</c> (an accepted cancel of a running job, durable across a
    /// restart) and <c>jobs.input_bytes</c> (what the submission stored, counted against the key's quota).
    /// </summary>
    private const int SchemaVersion = 2;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            salt BLOB NOT NULL,
            hash BLOB NOT NULL,
            max_upload_bytes INTEGER NOT NULL,
            max_neurons INTEGER NOT NULL,
            max_ticks INTEGER NOT NULL,
            max_concurrent_jobs INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            revoked_at TEXT NULL);
        CREATE TABLE IF NOT EXISTS jobs (
            id TEXT PRIMARY KEY,
            key_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            options TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            run_token TEXT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            progress REAL NOT NULL DEFAULT 0,
            message TEXT NULL,
            error TEXT NULL,
            summary TEXT NULL,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            input_bytes INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS jobs_by_key ON jobs (key_id, created_at);
        CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, created_at);
        CREATE TABLE IF NOT EXISTS job_transitions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            job_id TEXT NOT NULL,
            from_state TEXT NULL,
            to_state TEXT NOT NULL,
            at TEXT NOT NULL,
            note TEXT NULL);
        CREATE INDEX IF NOT EXISTS transitions_by_job ON job_transitions (job_id, seq);
        CREATE TABLE IF NOT EXISTS artifacts (
            job_id TEXT NOT NULL,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            content_type TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            PRIMARY KEY (job_id, name));
        """;

    private readonly string connectionString;
    private readonly Lock writeGate = new();

    public ServiceDatabase(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(DataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        CreateSchema();
    }

    public string DataDirectory { get; }

    public string FilePath { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using SqliteCommand busy = connection.CreateCommand();
        // WAL with NORMAL sync: a commit survives the process being killed at any moment (the WAL is
        // written before COMMIT returns); only a power cut can lose the last transactions, never corrupt the file.
        busy.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        busy.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction. Writers of this process take turns on a
    /// lock instead of colliding on SQLite's file lock (whose retry sleeps would add latency); other
    /// processes, such as <c>neurochip serve keys</c>, wait through SQLite's busy timeout.
    /// </summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (writeGate)
        {
            using SqliteConnection connection = Open();
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            T result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    private void CreateSchema()
    {
        using SqliteConnection connection = Open();
        using (SqliteCommand wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using SqliteTransaction transaction = connection.BeginTransaction();
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = Schema;
            create.ExecuteNonQuery();
        }

        using (SqliteCommand version = connection.CreateCommand())
        {
            version.Transaction = transaction;
            version.CommandText = "SELECT version FROM schema_info LIMIT 1";
            object? found = version.ExecuteScalar();
            if (found is null)
            {
                version.CommandText = $"INSERT INTO schema_info (version) VALUES ({SchemaVersion})";
                version.ExecuteNonQuery();
            }
            else if (Convert.ToInt32(found) == 1)
            {
                // version 1 → 2: the jobs table gains the durable cancel flag and the input size; existing jobs have neither.
                version.CommandText = $"ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0; ALTER TABLE jobs ADD COLUMN input_bytes INTEGER NOT NULL DEFAULT 0; UPDATE schema_info SET version = {SchemaVersion};";
                version.ExecuteNonQuery();
            }
            else if (Convert.ToInt32(found) != SchemaVersion)
            {
                throw new UserInputException($"Database '{FilePath}' has schema version {found}; this service reads version {SchemaVersion}. Use a new --data-dir or the matching service version.");
            }
        }

        transaction.Commit();
    }
}
