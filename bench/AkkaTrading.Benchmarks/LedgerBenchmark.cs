using System.Diagnostics;
using Akka.Actor;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Persistence;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// The ledger's cost and its restart: orders/s and order-to-fill latency through a real server (a child process; 50 bots sending
/// their next order over WebSocket as soon as the previous is answered) with the ledger in memory, on SQLite and on PostgreSQL;
/// then the time a server's exchange takes to recover a journal of N events, with snapshots (as a server writes them) and
/// without (every event folded).
/// </summary>
public static class LedgerBenchmark
{
    /// <summary>Bots sending orders at once: a durable write's cost is shared by the orders that wait for it together.</summary>
    public static int Bots { get; set; } = 50;

    public static async Task<int> RunAsync(int seconds, int runs, int restartEvents)
    {
        System.Console.WriteLine($"AkkaTrading ledger benchmark — {DateTime.UtcNow:yyyy-MM-dd}, " +
            $"{Environment.ProcessorCount} cores shared by " +
            $"the server (a child process) and the clients, .NET {Environment.Version}; median of {runs} runs of {seconds} s (min–max)");
        await using var postgres = await BenchPostgres.StartAsync();
        var stores = new List<(string Name, Func<string> Persistence)>
        {
            ("in memory (persistence off)", () => "provider = none"),
            ("SQLite", () => $"provider = sqlite, data-dir = \"{Scratch()}\""),
        };
        if (postgres.Available)
            stores.Add(("PostgreSQL", () => $"provider = postgresql, connection-string = \"{postgres.NewDatabase()}\""));
        else System.Console.WriteLine($"PostgreSQL: skipped ({postgres.Why})");

        System.Console.WriteLine();
        System.Console.WriteLine(
            $"{"ledger",-28} {"path",-26} {"orders/s",9} {"(min–max)",19} {"p50 ms",7} {"p99 ms",7} {"p99 (min–max)",15}");
        foreach (var (name, persistence) in stores)
        {
            var (served, alone) = (new List<GatewayOrders.Result>(), new List<GatewayOrders.Result>());
            for (var r = 0; r < runs; r++)
            {
                var (s, a) = await OrdersAsync(persistence(), TimeSpan.FromSeconds(seconds));
                served.Add(s);
                alone.Add(a);
            }
            Row(name, $"serve, WebSocket, {Bots} bots", served);
            Row("", "exchange alone, 50 bots", alone);
        }

        System.Console.WriteLine();
        System.Console.WriteLine(
            $"{"restart of " + restartEvents.ToString("N0") + " events",-28} {"snapshots",10} {"recovery s",11} {"(min–max)",15}");
        foreach (var (name, persistence) in stores.Skip(1))
        {
            var settings = Settings(persistence());
            var written = await WriteJournalAsync(settings, restartEvents);
            foreach (var snapshots in new[] { true, false })
            {
                var times = new List<double>();
                for (var r = 0; r < runs; r++) times.Add(await RecoverAsync(settings, snapshots));
                times.Sort();
                System.Console.WriteLine($"{name,-28} {(snapshots ? "every 10k" : "none"),10} {times[runs / 2],11:N2} " +
                    $"{$"({times[0]:N2}–{times[^1]:N2})",15}   ({written.TotalSeconds:N0} s to write)");
            }
        }
        return 0;
    }

    private static void Row(string name, string path, List<GatewayOrders.Result> results)
    {
        var rate = results.Select(x => x.PerSecond).Order().ToList();
        var p99 = results.Select(x => x.P99Millis).Order().ToList();
        var mid = results.Count / 2;
        System.Console.WriteLine($"{name,-28} {path,-26} {rate[mid],9:N0} {$"({rate[0]:N0}–{rate[^1]:N0})",19} " +
            $"{results.Select(x => x.P50Millis).Order().ElementAt(mid),7:N1} {p99[mid],7:N1} {$"({p99[0]:N1}–{p99[^1]:N1})",15}");
    }

    /// <summary>Orders through a server over WebSocket, then straight to its exchange actor (no HTTP, no JSON: the ledger's own
    /// ceiling).</summary>
    private static async Task<(GatewayOrders.Result Served, GatewayOrders.Result Alone)> OrdersAsync(string persistence, TimeSpan duration)
    {
        await using var server = await ServerProcess.StartAsync(persistence);
        var ws = new UriBuilder(server.BaseUri) { Scheme = "ws", Path = "api/v1/ws" }.Uri;
        var bots = GatewayLoad.BotList(Bots);
        await GatewayOrders.WebSocketAsync(ws, bots, TimeSpan.FromSeconds(2), "warm");
        var served = await GatewayOrders.WebSocketAsync(ws, bots, duration, "measured");
        var alone = await server.AskAsync<GatewayOrders.Result>(
            $"alone alone {duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return (served, alone);
    }

    private static PersistenceSettings Settings(string persistence) => GatewayLoad.Config(persistence).Settings.Persistence;

    /// <summary>Writes a journal as a server would: orders of 50 bots (an acceptance and a fill each) in batches, and a snapshot every
    /// 10,000 events.</summary>
    private static async Task<TimeSpan> WriteJournalAsync(PersistenceSettings settings, int events)
    {
        var watch = Stopwatch.StartNew();
        using var store = LedgerStore.Open(settings);
        var system = ActorSystem.Create("ledger-writer", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(store.Hocon()));
        try
        {
            var ledger = new Ledger(new ExchangeBook(["ALFA"], 1, 0m));
            ledger.Book.RecordPrice("ALFA", 100m);
            var bots = GatewayLoad.BotList();
            var batch = new List<LedgerEvent>();
            foreach (var (bot, _) in bots) batch.Add(ledger.Open(bot, 1_000_000_000m, 0, DateTimeOffset.UtcNow));
            long seq = 0, written = 0, ticket = 0, sinceSnapshot = 0;
            var durable = new TaskCompletionSource();
            var last = 0L;
            var waiter = system.ActorOf(Props.Create(() => new DurableWaiter(() => last, durable)));
            var journal = system.ActorOf(LedgerJournalActor.Props(waiter), "journal");
            while (written < events)
            {
                var order = new Order(bots[(int)(seq % bots.Count)].Name, "ALFA", seq / bots.Count % 2 == 0 ? Side.Buy : Side.Sell, 1);
                var (_, accepted, outcome) = ledger.Execute(order, $"c-{seq}", ++seq, seq, DateTimeOffset.UtcNow);
                batch.AddRange([accepted, outcome]);
                if (batch.Count < 1000 && written + batch.Count < events) continue;
                journal.Tell(new LedgerJournal.Write(++ticket, [.. batch]));
                written += batch.Count;
                sinceSnapshot += batch.Count;
                batch.Clear();
                if (sinceSnapshot < 10_000) continue;
                sinceSnapshot = 0;
                journal.Tell(new LedgerJournal.Snapshot(LedgerSnapshot.Of(ledger, [], recentComplete: false)));
            }
            last = ticket;
            waiter.Tell("check");
            await durable.Task.WaitAsync(TimeSpan.FromMinutes(10));
            return watch.Elapsed;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed class DurableWaiter : ReceiveActor
    {
        public DurableWaiter(Func<long> last, TaskCompletionSource done)
        {
            long durable = 0;
            Receive<LedgerJournal.Durable>(d =>
            {
                durable = d.Ticket;
                if (last() > 0 && durable >= last()) done.TrySetResult();
            });
            Receive<string>(_ =>
            {
                if (durable >= last()) done.TrySetResult();
            });
            ReceiveAny(_ => { });
        }
    }

    /// <summary>
    /// Seconds until the ledger is back: with snapshots, from a server's exchange starting until it takes orders; without, every
    /// event read and folded (as <c>ledger verify</c> does).
    /// </summary>
    private static async Task<double> RecoverAsync(PersistenceSettings settings, bool snapshots)
    {
        var watch = Stopwatch.StartNew();
        if (!snapshots)
        {
            await LedgerReader.ReadAsync(settings, new LedgerAudit().Add);
            return watch.Elapsed.TotalSeconds;
        }
        using var store = LedgerStore.Open(settings);
        var system = ActorSystem.Create("ledger-restart", Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(store.Hocon()));
        try
        {
            var ledger = ServerLedger.Persistent(10_000);
            system.ActorOf(ExchangeActor.Props(new ExchangeSettings(10, 0m), ["ALFA"], [], eventLogSize: 100_000, ledger: ledger));
            await ledger.Health.Recovered.WaitAsync(TimeSpan.FromMinutes(10));
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static string Scratch() => Directory.CreateTempSubdirectory("akka-trading-bench-").FullName;
}

/// <summary>A PostgreSQL server for the benchmark: AKKATRADING_TEST_POSTGRES's, or a throwaway cluster, or none (the row is
/// skipped, saying why).</summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly Tests.Shared.PostgresCluster? _cluster;
    private int _databases;

    private BenchPostgres(Tests.Shared.PostgresCluster? cluster, string? why) => (_cluster, Why) = (cluster, why);

    public bool Available => _cluster is not null;
    public string? Why { get; }

    public static async Task<BenchPostgres> StartAsync()
    {
        try
        {
            return new BenchPostgres(
                Tests.Shared.PostgresCluster.FromEnvironment() ?? await Tests.Shared.PostgresCluster.StartAsync(), null);
        }
        catch (Tests.Shared.PostgresUnavailableException e)
        {
            return new BenchPostgres(null, e.Message);
        }
    }

    public string NewDatabase() => _cluster!.CreateDatabaseAsync($"bench_{_databases++}").GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
