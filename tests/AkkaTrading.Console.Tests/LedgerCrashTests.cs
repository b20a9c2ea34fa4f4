using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// <c>serve</c> killed with SIGKILL in the middle of a flood of orders (several bots at once, over REST and WebSocket) loses nothing
/// it answered. Restarted on the same ledger (SQLite, PostgreSQL), it holds every answered order once with the price it was
/// answered, its balances are the initial cash moved by those fills only, a retry gets the first outcome, a client following the
/// events resumes from its cursor with no trade missing or twice, and the new events are numbered after every one seen before.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerCrashTests(PostgresFixture postgres, ITestOutputHelper log)
{
    private static readonly string[] Bots = ["alice", "bob", "carol"];
    private static readonly string[] Assets = ["ALFA", "BETA", "GAMMA"];
    private const decimal InitialCash = 100_000_000m;
    private const int RestWorkersPerBot = 2;

    // The kill comes after this many answers or this long into the flood, whichever is first; the flood never sends more than
    // MaxOrders. Bounded both ways: enough orders to be under way at the kill, few enough for a slow machine.
    private const int KillAfterAnswers = 400;
    private const int AnswersBeforeKill = 20;
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(2), KillAtLatest = TimeSpan.FromSeconds(20);
    private const int MaxOrders = 5000;

    private static string Token(string bot) => $"{bot}-secret-token-0123456789";

    [SkippableTheory(Timeout = 120_000)]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_server_killed_mid_flood_restarts_with_every_answered_order_once_and_its_followers_resume(string provider)
    {
        if (!OperatingSystem.IsLinux()) return;
        var clock = Stopwatch.StartNew();
        var store = await StoreArgumentsAsync(provider);

        // 1. a flood of orders, with a client following the events, until the kill
        Flood flood;
        Follower follower;
        using (var first = await ServeProcess.StartAsync(store))
        {
            await WaitForPricesAsync(first);
            log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: first server up");
            flood = new Flood();
            follower = new Follower(first.Client());
            var following = follower.RunAsync(() => flood.Killed);
            var workers = Bots.SelectMany(bot => Enumerable.Range(0, RestWorkersPerBot).Select(w => RestWorkerAsync(flood, first, bot, w))
                .Append(SocketWorkerAsync(flood, first, bot))).ToList();
            // mid-flood: after enough answers, or 2 s into it once some came (a loaded machine answers slower), or at the latest
            await Task.WhenAny(flood.Enough.Task, Task.WhenAll(Task.Delay(KillAfter), flood.Some.Task), Task.Delay(KillAtLatest),
                Task.WhenAll(workers));
            flood.Killed = true;
            await first.KillAsync();
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
            await following.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var answers = flood.Answers.ToList();
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed after {flood.Sent} orders sent, {answers.Count} answered " +
            $"({answers.Count(a => a.Status == "filled")} filled); the follower saw {follower.Events.Count} events");
        Assert.True(answers.Count(a => a.Status == "filled") >= 10, $"only {answers.Count} orders were answered before the kill");
        Assert.Equal(answers.Count, answers.Select(a => a.Seq).Distinct().Count());
        var seenBeforeKill = answers.Select(a => a.Seq).Concat(follower.Events.Select(e => e.Seq)).Max();
        var cursor = follower.Cursor;
        var followedTrades = follower.Events.Where(e => e.Type == "trade").ToList();
        Assert.NotEmpty(followedTrades);

        // 2. the same ledger, restarted
        using var second = await ServeProcess.StartAsync(store);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: second server up");
        using var reader = second.Client();

        // the follower resumes from its cursor: the trades it had not seen, then the new events
        var resumed = await ResumeAsync(reader, cursor);
        Assert.All(resumed.Where(e => e.Type == "price"), e => Assert.True(e.Seq > seenBeforeKill,
            $"the new price {e.Seq} is numbered at or before {seenBeforeKill}, a seq seen before the kill"));

        var ledgerTrades = await AllTradesAsync(reader);
        var followed = followedTrades.Concat(resumed.Where(e => e.Type == "trade")).ToList();
        Assert.Equal(followed.Count, followed.Select(e => e.Seq).Distinct().Count()); // none twice
        Assert.Equal(ledgerTrades.Select(t => t.Seq), followed.Select(e => e.Seq)); // none missing, in seq order
        Assert.Equal(ledgerTrades, followed.Select(e => Trade.Of(e.Seq, e.Data)));

        // every answered order once, as answered
        var bySeq = ledgerTrades.ToDictionary(t => t.Seq);
        foreach (var a in answers.Where(a => a.Status == "filled"))
            Assert.Equal(new Trade(a.Seq, a.Bot, a.Asset, a.Side, a.Quantity, a.Price), bySeq.GetValueOrDefault(a.Seq));
        Assert.All(answers.Where(a => a.Status == "rejected"), a => Assert.DoesNotContain(a.Seq, bySeq.Keys));

        // balances: the initial cash moved by the ledger's fills, and nothing else
        foreach (var bot in Bots)
        {
            using var client = second.Client(Token(bot));
            var account = await client.GetFromJsonAsync<JsonElement>("api/v1/account");
            var fills = ledgerTrades.Where(t => t.Bot == bot).ToList();
            Assert.Equal(InitialCash - Spent(fills), account.GetProperty("cash").GetDecimal());
            Assert.Equal(fills.Count, account.GetProperty("trades").GetInt64());
            Assert.Equal(Holdings(fills), account.GetProperty("positions").EnumerateArray()
                .ToDictionary(p => p.GetProperty("asset").GetString()!, p => p.GetProperty("quantity").GetDecimal()));
        }

        // a retry of any answered order gets its first outcome
        await Parallel.ForEachAsync(answers, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (a, cancel) =>
        {
            using var client = second.Client(Token(a.Bot));
            using var response = await client.PostAsJsonAsync("api/v1/orders", a.Request, cancel);
            var again = Answer.Of(a.Bot, a.Request, await response.Content.ReadFromJsonAsync<JsonElement>(cancel));
            Assert.Equal(a with { Repeated = true }, again);
        });

        // a new order is numbered after everything seen before the kill
        using (var alice = second.Client(Token("alice")))
        {
            var order = new OrderRequest("ALFA", "buy", 1, "after-restart");
            using var response = await alice.PostAsJsonAsync("api/v1/orders", order);
            var answer = Answer.Of("alice", order, await response.Content.ReadFromJsonAsync<JsonElement>());
            Assert.Equal(("filled", false), (answer.Status, answer.Repeated));
            Assert.True(answer.Seq > seenBeforeKill, $"the new order's seq {answer.Seq} is not after {seenBeforeKill}");
            ledgerTrades.Add(new Trade(answer.Seq, "alice", "ALFA", "buy", 1, answer.Price));
        }
        Assert.Equal(0, await second.StopAsync());
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: second server stopped; {answers.Count} retries answered");

        // 3. the stopped server's ledger: the same trades and accounts, and it verifies
        var export = await AppProcess.RunToEndAsync(["ledger", "export", "--format", "json", .. store]);
        Assert.True(export.ExitCode == 0, export.Error);
        using var exported = JsonDocument.Parse(export.Output);
        var exportedTrades = exported.RootElement.GetProperty("trades").EnumerateArray().ToList();
        Assert.Equal(ledgerTrades, exportedTrades.Select(t => Trade.Of(t.GetProperty("seq").GetInt64(), t)));
        var answeredIds = answers.Where(a => a.Status == "filled").ToDictionary(a => a.ClientOrderId, a => a.Seq);
        var exportedIds = exportedTrades.Where(t => answeredIds.ContainsKey(t.GetProperty("clientOrderId").GetString()!))
            .Select(t => (t.GetProperty("clientOrderId").GetString()!, t.GetProperty("seq").GetInt64())).ToList();
        Assert.Equal(answeredIds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)),
            exportedIds.OrderBy(p => p.Item1, StringComparer.Ordinal));
        foreach (var account in exported.RootElement.GetProperty("accounts").EnumerateArray())
        {
            var bot = account.GetProperty("bot").GetString()!;
            var fills = ledgerTrades.Where(t => t.Bot == bot).ToList();
            Assert.Equal(account.GetProperty("initialCash").GetDecimal() - Spent(fills), account.GetProperty("cash").GetDecimal());
        }

        var verify = await AppProcess.RunToEndAsync(["ledger", "verify", .. store]);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.StartsWith("ledger verified: ", verify.Output);
        log.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: exported and verified");
    }

    /// <summary>The serve and ledger arguments that name a fresh store of the provider, with the test's configuration.</summary>
    private async Task<string[]> StoreArgumentsAsync(string provider)
    {
        var bots = string.Join(",\n", Bots.Select(b => $"    {{ name = {b}, token = \"{Token(b)}\", initial-cash = {InitialCash} }}"));
        var sources = string.Join("\n", Assets.Select((a, i) => $"    {{ asset = {a}, generator = random-walk, " +
            $"start-price = {100 + 50 * i}, drift-percent = 0.0, volatility-percent = 0.5, seed = {11 + i}, interval = 5ms }}"));
        var persistence = provider == "postgresql"
            ? $"provider = postgresql, connection-string = \"{await postgres.NewDatabaseAsync()}\""
            : "provider = sqlite";
        var config = RepoFiles.ScratchFile("crash.hocon", $$"""
            akka-trading {
              # a server needs a strategy bot: this one never buys (a dip of 100 %), so every trade is an order of the test's
              bots = [ { name = idle, strategy = investor, assets = [ALFA], initial-cash = 0, settings { dip-percent = 100 } } ]
              sources = [
            {{sources}}
              ]
              gateway {
                orders-per-second = 100000
                order-burst = 100000
                remote-bots = [
            {{bots}}
                ]
              }
              # small, so that the restart reads a snapshot and the events after it
              persistence { {{persistence}}, snapshot-every = 300 }
            }
            """);
        return provider == "postgresql" ? ["--config", config]
            : ["--config", config, "--data-dir", Path.Combine(Path.GetDirectoryName(config)!, "data")];
    }

    private static async Task WaitForPricesAsync(ServeProcess server)
    {
        using var client = server.Client();
        var deadline = Stopwatch.StartNew();
        while ((await client.GetFromJsonAsync<JsonElement>("api/v1/prices")).GetProperty("prices").EnumerateObject().Count()
               < Assets.Length)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "no prices after 30 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Places orders over REST, one at a time, until the flood is over or the server is gone.</summary>
    private static async Task RestWorkerAsync(Flood flood, ServeProcess server, string bot, int worker)
    {
        await Task.Yield();
        using var client = server.Client(Token(bot));
        var random = new Random(HashCode.Combine(bot.Length, bot[0], worker));
        for (var n = 0; flood.TryTake(); n++)
        {
            var order = RandomOrder(random, $"{bot}-rest{worker}-{n}");
            try
            {
                using var response = await client.PostAsJsonAsync("api/v1/orders", order);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity,
                    $"{order.ClientOrderId}: {(int)response.StatusCode} {body}");
                flood.Answered(Answer.Of(bot, order, body));
            }
            catch (Exception e) when (flood.Killed && e is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                return; // the server is gone: this order's outcome is unknown
            }
        }
    }

    /// <summary>Places orders over one WebSocket, one at a time, until the flood is over or the server is gone.</summary>
    private static async Task SocketWorkerAsync(Flood flood, ServeProcess server, string bot)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + Token(bot));
        using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
            await socket.ConnectAsync(new Uri(server.Url.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "api/v1/ws"),
                connecting.Token);
        var random = new Random(HashCode.Combine(bot.Length, bot[0], -1));
        var buffer = new byte[16384];
        for (var n = 0; flood.TryTake(); n++)
        {
            var order = RandomOrder(random, $"{bot}-ws-{n}");
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { op = "order", order.Asset, order.Side, order.Quantity,
                    order.ClientOrderId }, JsonSerializerOptions.Web), WebSocketMessageType.Text, true, timeout.Token);
                using var message = new MemoryStream();
                WebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer, timeout.Token);
                    message.Write(buffer, 0, received.Count);
                } while (!received.EndOfMessage);
                if (received.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed by the server");
                var body = JsonDocument.Parse(message.ToArray()).RootElement;
                Assert.True(body.GetProperty("op").GetString() == "order", $"{order.ClientOrderId}: {body}");
                flood.Answered(Answer.Of(bot, order, body));
            }
            catch (Exception e) when (flood.Killed && e is WebSocketException or IOException or OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Mostly buys (generous cash), some sells that fill or are refused for want of a position.</summary>
    private static OrderRequest RandomOrder(Random random, string id) =>
        new(Assets[random.Next(Assets.Length)], random.Next(5) == 0 ? "sell" : "buy", random.Next(1, 6), id);

    /// <summary>The events after <paramref name="cursor"/> on a restarted server, up to the first new one (a price).</summary>
    private static async Task<List<Event>> ResumeAsync(HttpClient client, long cursor)
    {
        var events = new List<Event>();
        while (events.All(e => e.Type != "price"))
        {
            using var response = await client.GetAsync($"api/v1/events?after={cursor}&topics=prices,trades&timeout=5");
            Assert.True(response.StatusCode == HttpStatusCode.OK,
                $"resuming after {cursor}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            foreach (var e in (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray())
            {
                var next = Event.Of(e);
                Assert.True(next.Seq > cursor, $"event {next.Seq} after cursor {cursor}");
                events.Add(next);
                cursor = next.Seq;
            }
        }
        return events;
    }

    /// <summary>Every trade the server has, paging <c>GET /trades?after=</c> from 0.</summary>
    private static async Task<List<Trade>> AllTradesAsync(HttpClient client)
    {
        var trades = new List<Trade>();
        for (long after = 0; ;)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/trades?after={after}");
            var items = page.GetProperty("trades").EnumerateArray().ToList();
            trades.AddRange(items.Select(t => Trade.Of(t.GetProperty("seq").GetInt64(), t.GetProperty("data"))));
            var next = page.GetProperty("next").GetInt64();
            if (items.Count == 0 || next == after) return trades;
            after = next;
        }
    }

    /// <summary>The cash that fills took (buys) less the cash they brought (sells); the fee is 0.</summary>
    private static decimal Spent(IEnumerable<Trade> fills) =>
        fills.Sum(t => t.Side == "buy" ? t.Quantity * t.Price : -t.Quantity * t.Price);

    private static Dictionary<string, decimal> Holdings(IEnumerable<Trade> fills) =>
        fills.GroupBy(t => t.Asset).Select(g => (g.Key, Quantity: g.Sum(t => t.Side == "buy" ? t.Quantity : -t.Quantity)))
            .Where(p => p.Quantity != 0).ToDictionary(p => p.Key, p => p.Quantity);

    public sealed record OrderRequest(string Asset, string Side, decimal Quantity, string ClientOrderId);

    /// <summary>An order's answer, as the client saw it; <see cref="Price"/> 0 for a rejection.</summary>
    private sealed record Answer(string Bot, OrderRequest Request, string Status, long Seq, bool Repeated, string Asset, string Side,
        decimal Quantity, decimal Price)
    {
        public string ClientOrderId => Request.ClientOrderId;

        public static Answer Of(string bot, OrderRequest request, JsonElement body)
        {
            Assert.True(body.TryGetProperty("status", out var status), $"{request.ClientOrderId}: {body}");
            Assert.Equal(request.ClientOrderId, body.GetProperty("clientOrderId").GetString());
            var filled = status.GetString() == "filled";
            var detail = body.GetProperty(filled ? "fill" : "rejection");
            return new Answer(bot, request, status.GetString()!, body.GetProperty("seq").GetInt64(),
                body.GetProperty("repeated").GetBoolean(), detail.GetProperty("asset").GetString()!,
                detail.GetProperty("side").GetString()!, detail.GetProperty("quantity").GetDecimal(),
                filled ? detail.GetProperty("price").GetDecimal() : 0m);
        }
    }

    private sealed record Trade(long Seq, string Bot, string Asset, string Side, decimal Quantity, decimal Price)
    {
        /// <summary>From a trade event's data or an exported trade (whose side is upper case).</summary>
        public static Trade Of(long seq, JsonElement t) => new(seq, t.GetProperty("bot").GetString()!,
            t.GetProperty("asset").GetString()!, t.GetProperty("side").GetString()!.ToLowerInvariant(),
            t.GetProperty("quantity").GetDecimal(), t.GetProperty("price").GetDecimal());
    }

    private sealed record Event(long Seq, string Type, JsonElement Data)
    {
        public static Event Of(JsonElement e) =>
            new(e.GetProperty("seq").GetInt64(), e.GetProperty("type").GetString()!, e.GetProperty("data").Clone());
    }

    /// <summary>The orders under way: how many were sent and answered, and when the kill is due.</summary>
    private sealed class Flood
    {
        private int _sent;
        public readonly ConcurrentQueue<Answer> Answers = new();
        public readonly TaskCompletionSource Enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Some = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Killed;

        public int Sent => Math.Min(Volatile.Read(ref _sent), MaxOrders);

        public bool TryTake() => !Killed && Interlocked.Increment(ref _sent) <= MaxOrders;

        public void Answered(Answer answer)
        {
            Assert.False(answer.Repeated, $"{answer.ClientOrderId} was answered as a repeat the first time");
            Answers.Enqueue(answer);
            if (Answers.Count >= AnswersBeforeKill) Some.TrySetResult();
            if (Answers.Count >= KillAfterAnswers) Enough.TrySetResult();
        }
    }

    /// <summary>A client that long-polls the events (prices and trades) by seq, as a resuming client would.</summary>
    private sealed class Follower(HttpClient client)
    {
        public List<Event> Events { get; } = [];
        public long Cursor { get; private set; }

        public async Task RunAsync(Func<bool> killed)
        {
            await Task.Yield();
            using var _ = client;
            while (true)
            {
                JsonElement page;
                try
                {
                    using var response = await client.GetAsync($"api/v1/events?after={Cursor}&topics=prices,trades&timeout=5");
                    if (response.StatusCode == HttpStatusCode.NoContent) continue;
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} after {Cursor}");
                    page = await response.Content.ReadFromJsonAsync<JsonElement>();
                }
                catch (Exception e) when (killed() && e is HttpRequestException or IOException or TaskCanceledException or JsonException)
                {
                    return; // the server is gone: the cursor stays at the last page read whole
                }
                foreach (var e in page.GetProperty("events").EnumerateArray())
                {
                    var next = Event.Of(e);
                    Assert.True(next.Seq > Cursor, $"event {next.Seq} after cursor {Cursor}");
                    Events.Add(next);
                    Cursor = next.Seq;
                }
            }
        }
    }
}
