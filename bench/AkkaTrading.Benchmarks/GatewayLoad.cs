using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway;
using AkkaTrading.Gateway.Events;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// Load on a real server on loopback: N SSE + N WebSocket subscribers held while a few bots trade (every trade checked against
/// the exchange's log, price ages sampled), then 50 bots sending orders as fast as answers come, over WebSocket and over REST.
/// The server runs in a child process (<see cref="GatewayServerProcess"/>) so that its memory, CPU and GC are its own; clients
/// and server still share the machine's cores.
/// </summary>
public static class GatewayLoad
{
    private const int Bots = 50, HoldTraders = 4;

    /// <summary>Remote bots the server knows; each load uses the first so many.</summary>
    public const int ConfiguredBots = 400;
    private static readonly TimeSpan OrderTime = TimeSpan.FromSeconds(10), WarmUp = TimeSpan.FromSeconds(2);

    public sealed record RunResult(int Connected, int Disconnects, string? FirstDisconnect, long WindowTrades, long Lost, long Duplicated,
        long Extra, double PriceP50, double PriceP99, long PriceSamples, double HoldCpu, double HoldMachine, double HoldGcPause,
        long MaxQueued, int Threads, GatewayOrders.Result Ws, double WsCpu, double WsMachine, GatewayOrders.Result Rest,
        GatewayOrders.Result Alone, long SubscribersPeak, long PeakBytes, double HoldClientCpu, double WsClientCpu, long ClientsPeak,
        long OrdersPeak);

    public static int Run(int subscribers, int holdSeconds, int runs)
    {
        System.Console.WriteLine($"AkkaTrading gateway load — {DateTime.UtcNow:yyyy-MM-dd}, " +
            $"{Environment.ProcessorCount} cores shared by the server (a child process) and the clients, " +
            $".NET {Environment.Version}; {subscribers:N0} SSE + {subscribers:N0} WebSocket subscribers held {holdSeconds} s, {runs} runs");
        var results = new List<RunResult>();
        for (var r = 1; r <= runs; r++)
        {
            var run = RunOnceAsync(subscribers, TimeSpan.FromSeconds(holdSeconds)).GetAwaiter().GetResult();
            results.Add(run);
            System.Console.WriteLine($"run {r}: {run}");
        }
        Table(results, subscribers);
        return 0;
    }

    public static IReadOnlyList<(string Name, string Token)> BotList(int count = Bots) =>
        [.. Enumerable.Range(0, count).Select(i => ($"bench-{i}", $"bench-token-{i:D4}-0123456789"))];

    /// <param name="persistence">HOCON lines of <c>akka-trading.persistence</c>: the ledger in memory unless given</param>
    public static TradingConfig Config(string persistence = "provider = none") => TradingConfig.FromText($$"""
        akka-trading.persistence { {{persistence}} }
        akka-trading.gateway {
          orders-per-second = 1000000   # the benchmark measures the gateway, not the per-bot limit
          order-burst = 1000000
          remote-bots = [
        {{string.Join("\n", BotList(ConfiguredBots)
            .Select(b => $"    {{ name = {b.Name}, token = \"{b.Token}\", initial-cash = 1000000000 }}"))}}
          ]
        }
        akka.loglevel = WARNING
        """, "gateway-benchmark");

    private static async Task<RunResult> RunOnceAsync(int n, TimeSpan hold)
    {
        ResetPeak();
        await using var server = await ServerProcess.StartAsync();
        var baseUri = server.BaseUri;
        var ws = new UriBuilder(baseUri) { Scheme = "ws", Path = "api/v1/ws" }.Uri;
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30),
        };
        using var streams = new HttpClient(new SocketsHttpHandler()) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        var bots = BotList();

        // 1. subscribers, connected 64 at a time (each counts as connected at its first event, so its subscription is live)
        var latency = new LatencyHistogram();
        var measuring = false;
        var clients = Enumerable.Range(0, 2 * n)
            .Select(i => new Subscriber(i < n ? $"sse-{i}" : $"ws-{i - n}", latency, () => measuring)).ToArray();
        using var stop = new CancellationTokenSource(hold + TimeSpan.FromMinutes(5)); // a bound on the whole phase
        using var gate = new SemaphoreSlim(64);
        var loops = new List<Task>();
        for (var i = 0; i < clients.Length; i++)
        {
            await gate.WaitAsync(stop.Token);
            var c = clients[i];
            loops.Add(i < n ? c.RunSseAsync(streams, stop.Token) : c.RunWebSocketAsync(ws, stop.Token));
            _ = c.FirstEvent.Task.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => gate.Release(), TaskScheduler.Default);
        }
        await Task.WhenAll(clients.Select(c => c.FirstEvent.Task)).WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(_ => { });
        var connected = clients.Count(c => c.FirstEvent.Task.IsCompleted && c.Ended is null);

        // every client received an event after its resume point, so it must see every event after the newest seq any has seen
        var s0 = clients.Max(c => c.MaxSeq);
        measuring = true;
        var cpu = CpuMeter.Start(server);
        var pause = (await server.AskAsync<GatewayServerProcess.Stats>("stats")).GcPauseMillis;
        long queued = 0; // the server's longest thread pool queue: work waiting for a thread, not for a core, if the cores are not busy
        var threads = 0;
        using (var holdEnd = new CancellationTokenSource(hold))
        {
            var watchQueue = Task.Run(async () =>
            {
                while (!holdEnd.IsCancellationRequested)
                {
                    var stats = await server.AskAsync<GatewayServerProcess.Stats>("stats");
                    (queued, threads) = (Math.Max(queued, stats.PendingWorkItems), Math.Max(threads, stats.Threads));
                    await Task.Delay(50);
                }
            });
            await Task.WhenAll(bots.Take(HoldTraders).Select(b => TradeSlowlyAsync(http, b, holdEnd.Token)));
            await watchQueue.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var pauseAfter = (await server.AskAsync<GatewayServerProcess.Stats>("stats")).GcPauseMillis;
        var holdPause = TimeSpan.FromMilliseconds(pauseAfter - pause) / hold;
        measuring = false;
        var (holdCpu, holdClientCpu, holdMachine) = (cpu.ServerBusy(), cpu.ClientsBusy(), cpu.MachineBusy());
        var s1 = clients.Max(c => c.MaxSeq);
        var drain = Stopwatch.StartNew(); // let the last events reach every client still connected
        while (drain.Elapsed < TimeSpan.FromSeconds(15) && clients.Any(c => c.Ended is null && c.MaxSeq < s1)) await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(30));

        var expected = await ExchangeTradesAsync(http, s0, s1);
        long lost = 0, duplicated = 0, extra = 0;
        var expectedSet = expected.ToHashSet();
        foreach (var c in clients)
        {
            var seen = c.Trades.Where(s => s > s0 && s <= s1).ToList();
            duplicated += seen.Count - seen.Distinct().Count();
            extra += seen.Distinct().Count(s => !expectedSet.Contains(s));
            lost += expected.Except(seen).Count();
            if (!seen.SequenceEqual(seen.Order())) duplicated++; // out of order: counted with the duplicates (none expected)
        }
        var ended = clients.Where(c => c.Ended is not null).ToList();
        var subscribersPeak = server.PeakBytes(); // before the orders, whose garbage would hide what the subscribers cost

        // 2. orders/s, one transport after the other, each after a short warm-up
        await GatewayOrders.WebSocketAsync(ws, bots, WarmUp, "ws-warm");
        cpu = CpuMeter.Start(server);
        var wsOrders = await GatewayOrders.WebSocketAsync(ws, bots, OrderTime, "ws");
        var (wsCpu, wsClientCpu, wsMachine) = (cpu.ServerBusy(), cpu.ClientsBusy(), cpu.MachineBusy());
        await GatewayOrders.RestAsync(http, bots, WarmUp, "rest-warm");
        var restOrders = await GatewayOrders.RestAsync(http, bots, OrderTime, "rest");
        var ordersPeak = server.PeakBytes(); // before the exchange alone takes its orders, several times what its clients sent
        await server.AskAsync<GatewayOrders.Result>($"alone alone-warm {WarmUp.TotalSeconds}");
        var alone = await server.AskAsync<GatewayOrders.Result>($"alone alone {OrderTime.TotalSeconds}");

        var first = ended.FirstOrDefault() is { } e ? $"{e.Name}: {e.Ended}" : null;
        return new RunResult(connected, ended.Count, first, expected.Count, lost, duplicated, extra, latency.QuantileMillis(0.5),
            latency.QuantileMillis(0.99), latency.Count, holdCpu, holdMachine, holdPause, queued,
            threads, wsOrders, wsCpu, wsMachine, restOrders, alone, subscribersPeak, server.PeakBytes(), holdClientCpu, wsClientCpu,
            PeakBytes("/proc/self/status"), ordersPeak);
    }

    /// <summary>A bot placing an order every 200 ms over REST, so that trades flow while the subscribers are held.</summary>
    private static async Task TradeSlowlyAsync(HttpClient http, (string Name, string Token) bot, CancellationToken end)
    {
        for (long i = 0; !end.IsCancellationRequested && i < 1_000_000; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/orders")
            {
                Content = new StringContent(GatewayOrders.OrderJson($"{bot.Name}-hold", i, op: false), System.Text.Encoding.UTF8,
                    "application/json"),
            };
            request.Headers.Authorization = new("Bearer", bot.Token);
            (await http.SendAsync(request, CancellationToken.None)).Dispose();
            await Task.Delay(200, end).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The seqs of the exchange's trades after <paramref name="after"/> up to <paramref name="upTo"/>: the truth.</summary>
    private static async Task<List<long>> ExchangeTradesAsync(HttpClient http, long after, long upTo)
    {
        var seqs = new List<long>();
        for (var page = 0; page < 10_000 && after < upTo; page++)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync($"api/v1/trades?after={after}&limit=1000"));
            var trades = json.RootElement.GetProperty("trades");
            seqs.AddRange(trades.EnumerateArray().Select(t => t.GetProperty("seq").GetInt64()).Where(s => s <= upTo));
            if (trades.GetArrayLength() < 1000) break;
            after = json.RootElement.GetProperty("next").GetInt64();
        }
        return seqs;
    }

    /// <summary>Resets the peak resident set (Linux: 5 → clear_refs) to the current one, so that each run reports its own peak.</summary>
    private static void ResetPeak()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true); // gives the last run's heap back
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public static long PeakBytes(string status)
    {
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? Process.GetCurrentProcess().PeakWorkingSet64
            : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The share of all cores the server and the clients (this process) kept busy over an interval, and the share the
    /// whole machine did (/proc/stat): what is left is other processes on the same cores.</summary>
    private readonly record struct CpuMeter(ServerProcess Server, TimeSpan ServerCpu, TimeSpan ClientsCpu, long Since,
        (long Busy, long Total) Machine)
    {
        public static CpuMeter Start(ServerProcess server) =>
            new(server, server.Cpu(), Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp(), MachineTicks());

        public double ServerBusy() => (Server.Cpu() - ServerCpu) / Stopwatch.GetElapsedTime(Since) / Environment.ProcessorCount;

        public double ClientsBusy() =>
            (Process.GetCurrentProcess().TotalProcessorTime - ClientsCpu) / Stopwatch.GetElapsedTime(Since) / Environment.ProcessorCount;

        public double MachineBusy()
        {
            var (busy, total) = MachineTicks();
            return total == Machine.Total ? double.NaN : (busy - Machine.Busy) / (double)(total - Machine.Total);
        }

        private static (long Busy, long Total) MachineTicks()
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            return (ticks.Sum() - ticks[3] - ticks[4], ticks.Sum());
        }
    }

    private static void Table(List<RunResult> runs, int n)
    {
        string Of(Func<RunResult, double> pick, string format)
        {
            var values = runs.Select(pick).Order().ToArray();
            var median = values[values.Length / 2].ToString(format, CultureInfo.InvariantCulture);
            return values.Length == 1 ? median : $"{median} ({values[0].ToString(format, CultureInfo.InvariantCulture)}–" +
                $"{values[^1].ToString(format, CultureInfo.InvariantCulture)})";
        }
        System.Console.WriteLine();
        System.Console.WriteLine($"medians of {runs.Count} runs, (min–max)");
        System.Console.WriteLine("| measure | result |");
        System.Console.WriteLine("| --- | --- |");
        System.Console.WriteLine($"| subscribers connected (of {2 * n:N0}) | {Of(r => r.Connected, "N0")} |");
        System.Console.WriteLine($"| disconnects during the hold | {Of(r => r.Disconnects, "N0")} |");
        System.Console.WriteLine($"| trades in the hold window (exchange) | {Of(r => r.WindowTrades, "N0")} |");
        System.Console.WriteLine($"| trade events lost / duplicated or out of order / unknown (all clients) | {Of(r => r.Lost, "N0")} / " +
            $"{Of(r => r.Duplicated, "N0")} / {Of(r => r.Extra, "N0")} |");
        System.Console.WriteLine($"| price to client p50 / p99, ms ({Of(r => r.PriceSamples, "N0")} samples) | " +
            $"{Of(r => r.PriceP50, "N2")} / " +
            $"{Of(r => r.PriceP99, "N2")} |");
        System.Console.WriteLine($"| CPU during the hold, server / clients / whole machine | {Of(r => r.HoldCpu * 100, "N0")}% / " +
            $"{Of(r => r.HoldClientCpu * 100, "N0")}% / {Of(r => r.HoldMachine * 100, "N0")}% |");
        System.Console.WriteLine("| server's GC pause share during the hold; its thread pool: longest queue, threads | " +
            $"{Of(r => r.HoldGcPause * 100, "N1")}%; " +
            $"{Of(r => r.MaxQueued, "N0")}, {Of(r => r.Threads, "N0")} |");
        System.Console.WriteLine($"| WebSocket orders/s, 50 bots | {Of(r => r.Ws.PerSecond, "N0")} |");
        System.Console.WriteLine($"| WebSocket order to answer p50 / p99, ms | {Of(r => r.Ws.P50Millis, "N2")} / " +
            $"{Of(r => r.Ws.P99Millis, "N2")} |");
        System.Console.WriteLine($"| CPU during WebSocket orders, server / clients / whole machine | {Of(r => r.WsCpu * 100, "N0")}% / " +
            $"{Of(r => r.WsClientCpu * 100, "N0")}% / {Of(r => r.WsMachine * 100, "N0")}% |");
        System.Console.WriteLine($"| REST orders/s, 50 bots | {Of(r => r.Rest.PerSecond, "N0")} |");
        System.Console.WriteLine($"| REST order to answer p50 / p99, ms | {Of(r => r.Rest.P50Millis, "N2")} / " +
            $"{Of(r => r.Rest.P99Millis, "N2")} |");
        System.Console.WriteLine($"| exchange alone (Ask from 50 tasks, no HTTP or JSON), orders/s | {Of(r => r.Alone.PerSecond, "N0")} |");
        System.Console.WriteLine($"| exchange alone p50 / p99, ms | {Of(r => r.Alone.P50Millis, "N2")} / " +
            $"{Of(r => r.Alone.P99Millis, "N2")} |");
        System.Console.WriteLine($"| server's peak working set after the subscribers, MB | {Of(r => r.SubscribersPeak / 1e6, "N0")} |");
        System.Console.WriteLine($"| server's peak working set after the WebSocket and REST orders, MB | " +
            $"{Of(r => r.OrdersPeak / 1e6, "N0")} |");
        System.Console.WriteLine($"| server's peak working set after the exchange alone, MB | {Of(r => r.PeakBytes / 1e6, "N0")} |");
        System.Console.WriteLine($"| clients' peak working set (this process), MB | {Of(r => r.ClientsPeak / 1e6, "N0")} |");
    }
}
