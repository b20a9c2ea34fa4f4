namespace AkkaTrading.Engine.Settings;

/// <summary>Where <c>serve</c> keeps its ledger: nowhere, a SQLite file in a data directory, or a PostgreSQL database.</summary>
public enum LedgerProvider { None, Sqlite, PostgreSql }

/// <summary>
/// <c>akka-trading.persistence</c>: the server's ledger store. <see cref="DataDirectory"/> holds the SQLite database (and the
/// lock that keeps a second server off it); <see cref="ConnectionString"/> is PostgreSQL's. A snapshot every
/// <see cref="SnapshotEvery"/> events keeps restarts short.
/// </summary>
public sealed record PersistenceSettings(LedgerProvider Provider, string DataDirectory, string ConnectionString, int SnapshotEvery)
{
    public static readonly PersistenceSettings None = new(LedgerProvider.None, "", "", 10_000);

    // the connection string may hold a password
    public override string ToString() => $"{Provider} {DataDirectory} snapshot-every {SnapshotEvery}";
}

/// <summary>Reads and validates <c>akka-trading.persistence</c> (schema: README, "Configuration reference").</summary>
public static class PersistenceSettingsReader
{
    public static PersistenceSettings Read(HoconSection section, Func<string, string?> environment)
    {
        section.AllowOnly("provider", "data-dir", "connection-string", "connection-string-env", "snapshot-every");
        var store = section.String("provider") switch
        {
            "none" => LedgerProvider.None,
            "sqlite" => LedgerProvider.Sqlite,
            "postgresql" => LedgerProvider.PostgreSql,
            var other => throw section.Error("provider", $"must be sqlite, postgresql or none, not '{other}'"),
        };
        var connection = section.OptionalString("connection-string");
        if (section.OptionalString("connection-string-env") is { Length: > 0 } variable)
        {
            if (connection.Length > 0) throw section.Error("connection-string-env", "and 'connection-string' cannot both be given");
            connection = environment(variable) is { Length: > 0 } value ? value
                : throw section.Error("connection-string-env", $"names the environment variable '{variable}', which is not set");
        }
        if (store == LedgerProvider.PostgreSql && connection.Length == 0)
            throw section.Error("connection-string", "must be given (or 'connection-string-env') with provider = postgresql");
        var dataDir = section.OptionalString("data-dir");
        if (store == LedgerProvider.Sqlite && dataDir.Trim().Length == 0) throw section.Error("data-dir", "must name a directory");
        return new PersistenceSettings(store, dataDir, connection, section.Int("snapshot-every", 100, 10_000_000));
    }
}
