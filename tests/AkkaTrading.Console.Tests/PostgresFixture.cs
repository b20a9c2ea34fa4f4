using AkkaTrading.Tests.Shared;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// One PostgreSQL server for the tests of the <c>postgres</c> collection: the one <c>AKKATRADING_TEST_POSTGRES</c> names, else a
/// throwaway cluster started here. Each test takes a database of its own; without PostgreSQL the tests skip saying what to install.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private string _why = "";

    public async Task InitializeAsync()
    {
        try { _cluster = PostgresCluster.FromEnvironment() ?? await PostgresCluster.StartAsync(); }
        catch (PostgresUnavailableException e) { _why = e.Message; }
    }

    /// <summary>A connection string to a new, empty database; skips the test when there is no PostgreSQL.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        Skip.If(_cluster is null, _why);
        // unique across test runs too: a server from AKKATRADING_TEST_POSTGRES may keep the databases of a killed run
        return await _cluster!.CreateDatabaseAsync($"ledger_{Guid.NewGuid().ToString("N")[..16]}");
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
