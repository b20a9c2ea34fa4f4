using Akka.Configuration;
using Akka.Persistence.Sql;
using AkkaTrading.Engine.Settings;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AkkaTrading.Engine.Persistence;

/// <summary>
/// The ledger's store, opened for one server: checked before anything is written (a data directory that is not writable, in
/// use by another server, of another format, or a database that is damaged is refused, untouched) and held (the data
/// directory's lock, PostgreSQL's advisory lock) until disposed. <see cref="Hocon"/> points Akka.Persistence.Sql at it.
/// </summary>
public sealed class LedgerStore : IDisposable
{
    public const string DatabaseFile = "ledger.db", LockFile = "server.lock", FormatFile = "FORMAT";

    /// <summary>What <see cref="FormatFile"/> says: the layout of the data directory and the records' versions.</summary>
    public const string Format = "akka-trading-ledger 1";

    // any number that is ours: the advisory lock a PostgreSQL server holds for as long as it runs
    private const long AdvisoryLockKey = 0x416b6b6154726164;

    private readonly IDisposable? _lock;

    private readonly bool _forWriting;

    private LedgerStore(string connectionString, string provider, IDisposable? held, bool forWriting)
    {
        _forWriting = forWriting;
        ConnectionString = connectionString;
        Provider = provider;
        _lock = held;
    }

    public string ConnectionString { get; }
    public string Provider { get; }

    /// <summary>Opens the store the settings name, for a server (<paramref name="forWriting"/>) or a reader of a stopped one.</summary>
    /// <exception cref="LedgerStoreException">the store cannot be used as it is</exception>
    public static LedgerStore Open(PersistenceSettings settings, bool forWriting = true) => settings.Provider switch
    {
        LedgerProvider.Sqlite => OpenDirectory(settings.DataDirectory, forWriting),
        LedgerProvider.PostgreSql => OpenPostgreSql(settings.ConnectionString, forWriting),
        _ => throw new InvalidOperationException("no ledger store is configured"),
    };

    /// <summary>Akka.Persistence.Sql's journal and snapshot store on this store, with the ledger's serializer.</summary>
    /// <remarks>
    /// One writer (<c>parallelism = 1</c>): the journal has one persistent actor, which keeps one write in flight, each write one
    /// record (<see cref="Domain.Ledger.LedgerBatch"/>), so more writers would only wait.
    /// </remarks>
    public Config Hocon() => ConfigurationFactory.ParseString($$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql {
              connection-string = "{{Escape(ConnectionString)}}"
              provider-name = "{{Provider}}"
              auto-initialize = {{(_forWriting ? "true" : "false")}}
              parallelism = 1
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql {
              connection-string = "{{Escape(ConnectionString)}}", provider-name = "{{Provider}}"
              auto-initialize = {{(_forWriting ? "true" : "false")}}
            }
          }
          query.journal.sql { connection-string = "{{Escape(ConnectionString)}}", provider-name = "{{Provider}}" }
        }
        """).WithFallback(ConfigurationFactory.ParseString(LedgerSerializer.Hocon)).WithFallback(SqlPersistence.DefaultConfiguration);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static LedgerStore OpenDirectory(string directory, bool forWriting)
    {
        var dir = Path.GetFullPath(directory);
        var database = Path.Combine(dir, DatabaseFile);
        if (!forWriting && !File.Exists(database))
            throw new LedgerStoreException($"{dir} holds no ledger ({DatabaseFile} is missing)");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerStoreException($"the data directory {dir} cannot be created: {e.Message}", e);
        }
        RequireWritable(dir);
        var held = Lock(dir);
        try
        {
            CheckFormat(dir, database, forWriting);
            if (File.Exists(database)) CheckDatabase(database);
            if (forWriting) UseWriteAheadLog(database);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = database }.ToString();
            return new LedgerStore(connectionString, "SQLite.MS", held, forWriting);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            held.Dispose();
            throw new LedgerStoreException($"the data directory {dir} cannot be used: {e.Message}", e);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>A data directory the server cannot write to is refused before anything else is tried in it.</summary>
    private static void RequireWritable(string dir)
    {
        var probe = Path.Combine(dir, $".write-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LedgerStoreException($"the data directory {dir} is not writable: {e.Message}", e);
        }
    }

    /// <summary>Holds the data directory's lock file: the kernel lets one process hold it, and frees it when that one dies.</summary>
    private static FileStream Lock(string dir)
    {
        var path = Path.Combine(dir, LockFile);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LedgerStoreException($"the data directory {dir} is not writable: {e.Message}", e);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new LedgerStoreException($"the data directory {dir} is in use by another running server ({LockFile} is locked)", e);
        }
        catch (IOException e)
        {
            throw new LedgerStoreException($"the data directory {dir} is not writable: {e.Message}", e);
        }
    }

    private static void CheckFormat(string dir, string database, bool forWriting)
    {
        var formatPath = Path.Combine(dir, FormatFile);
        if (File.Exists(formatPath))
        {
            var found = File.ReadAllText(formatPath).Trim();
            if (found != Format)
                throw new LedgerStoreException($"the data directory {dir} holds a ledger of format '{found}'; " +
                    "this version of AkkaTrading " +
                    $"reads '{Format}'");
            return;
        }
        if (File.Exists(database))
            throw new LedgerStoreException($"the data directory {dir} holds a {DatabaseFile} but no {FormatFile} file: it was not " +
                "written by AkkaTrading");
        if (forWriting) File.WriteAllText(formatPath, Format + "\n");
    }

    private static void CheckDatabase(string database)
    {
        if (new FileInfo(database).Length == 0)
            throw new LedgerStoreException($"{database} is empty: it holds no ledger (delete it only if no server ever ran here)");
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            if (check.ExecuteScalar() is not "ok" and var result)
                throw new LedgerStoreException($"{database} is damaged: {result}");
        }
        catch (SqliteException e)
        {
            throw new LedgerStoreException($"{database} is damaged or not a SQLite database: {e.Message}", e);
        }
    }

    /// <summary>A write-ahead log (kept in the file, so every later connection uses it): commits append to it, which is faster,
    /// and are as durable.</summary>
    private static void UseWriteAheadLog(string database)
    {
        using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL";
        wal.ExecuteNonQuery();
    }

    private static LedgerStore OpenPostgreSql(string connectionString, bool forWriting)
    {
        NpgsqlConnection? connection = null;
        try
        {
            // Not pooled: a pooled connection goes back to the pool still holding the session's lock, and this process could not
            // open the ledger again (Npgsql resets a pooled session only when it is next used).
            connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", connection);
            if (take.ExecuteScalar() is not true)
                throw new LedgerStoreException("the PostgreSQL ledger is in use by another running server (its advisory lock is held)");
            return new LedgerStore(connectionString, "PostgreSQL.15", new AdvisoryLock(connection), forWriting);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            connection?.Dispose();
            throw new LedgerStoreException($"the PostgreSQL ledger cannot be opened: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    public void Dispose() => _lock?.Dispose();

    /// <summary>PostgreSQL's lock on the ledger, held by its session: released before the connection closes, so that the next
    /// server or reader finds it free at once (a closing session releases it only as its server process ends).</summary>
    private sealed class AdvisoryLock(NpgsqlConnection connection) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
                release.ExecuteNonQuery();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // the connection is gone, and the lock with its session
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
