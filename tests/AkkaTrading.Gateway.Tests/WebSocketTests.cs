using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AkkaTrading.Gateway.Events;
using Microsoft.Extensions.DependencyInjection;
using static AkkaTrading.Gateway.Tests.SocketClient;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The WebSocket transport on a real Kestrel with real <see cref="ClientWebSocket"/>s.</summary>
public sealed class WebSocketTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync("orders-per-second = 1000, order-burst = 1000");
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static object Subscribe(params string[] topics) => new { op = "subscribe", topics };
    private static object Order(string side, int quantity, string id, string asset = "ALFA") =>
        new { op = "order", asset, side, quantity, clientOrderId = id };

    private static Task<JsonElement> OrderAnswer(SocketClient client, string id, List<JsonElement>? seen = null) =>
        client.ReceiveUntilAsync(m => Op(m) is "order" or "error" && m.GetProperty("clientOrderId").GetString() == id, seen);

    [Fact]
    public async Task A_subscriber_receives_prices_in_seq_order_after_the_subscribed_answer()
    {
        using var client = await ConnectAsync(_server);
        await client.SendAsync(Subscribe("prices"));
        var subscribed = (await client.ReceiveAsync())!.Value;
        Assert.Equal("subscribed", Op(subscribed));
        Assert.Equal(["prices"], subscribed.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        var previous = subscribed.GetProperty("after").GetInt64();
        for (var i = 0; i < 10; i++)
        {
            var price = (await client.ReceiveAsync())!.Value;
            Assert.Equal("price", Type(price));
            Assert.True(Seq(price) > previous, $"{Seq(price)} after {previous}");
            Assert.True(price.GetProperty("data").GetProperty("price").GetDecimal() > 0);
            previous = Seq(price);
        }
    }

    [Fact]
    public async Task An_order_fills_its_fill_comes_on_the_fills_topic_and_a_repeat_answers_the_first_outcome()
    {
        using var alice = await ConnectAsync(_server, TestServer.AliceToken);
        await alice.SendAsync(Subscribe("prices", "fills"));
        await alice.ReceiveUntilAsync(m => Type(m) == "price" && m.GetProperty("data").GetProperty("asset").GetString() == "ALFA");

        await alice.SendAsync(Order("buy", 2, "a-1"));
        var seen = new List<JsonElement>();
        var answer = await OrderAnswer(alice, "a-1", seen);
        Assert.Equal("order", Op(answer));
        Assert.Equal("filled", answer.GetProperty("status").GetString());
        Assert.False(answer.GetProperty("repeated").GetBoolean());
        Assert.Equal(2m, answer.GetProperty("fill").GetProperty("quantity").GetDecimal());
        var fill = await Next(alice, seen, "fill"); // the answer and the event travel separately: either may come first
        Assert.Equal("a-1", fill.GetProperty("data").GetProperty("clientOrderId").GetString());
        Assert.Equal(Seq(answer), Seq(fill));

        await alice.SendAsync(Order("buy", 2, "a-1"));
        var repeat = await OrderAnswer(alice, "a-1");
        Assert.True(repeat.GetProperty("repeated").GetBoolean());
        Assert.Equal(Seq(answer), Seq(repeat));

        await alice.SendAsync(Order("buy", 1_000_000, "a-2"));
        seen.Clear();
        var rejected = await OrderAnswer(alice, "a-2", seen);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("insufficient_cash", rejected.GetProperty("rejection").GetProperty("reason").GetString());
        var rejection = await Next(alice, seen, "rejection");
        Assert.Equal("a-2", rejection.GetProperty("data").GetProperty("clientOrderId").GetString());
        Assert.Equal("insufficient_cash", rejection.GetProperty("data").GetProperty("reason").GetString());

        var account = await _server.Client(TestServer.AliceToken).GetFromJsonAsync<JsonElement>("api/v1/account");
        Assert.Equal(1, account.GetProperty("trades").GetInt32());
    }

    /// <summary>The first event of a type among those already read, else the next to come.</summary>
    private static async Task<JsonElement> Next(SocketClient client, List<JsonElement> seen, string type) =>
        seen.FirstOrDefault(m => Type(m) == type) is { ValueKind: JsonValueKind.Object } early ? early
            : await client.ReceiveUntilAsync(m => Type(m) == type);

    [Fact]
    public async Task Auth_by_message_and_a_wrong_token_closes_with_policy_violation()
    {
        using var anonymous = await ConnectAsync(_server);
        await anonymous.SendAsync(Subscribe("fills"));
        Assert.Equal("unauthorized", (await anonymous.ReceiveAsync())!.Value.GetProperty("error").GetString());
        await anonymous.SendAsync(Order("buy", 1, "x-1"));
        var refused = (await anonymous.ReceiveAsync())!.Value;
        Assert.Equal(("error", "unauthorized", "x-1"), (Op(refused), Text(refused, "error"), Text(refused, "clientOrderId")));

        await anonymous.SendAsync(new { op = "auth", token = TestServer.AliceToken });
        var authenticated = (await anonymous.ReceiveAsync())!.Value;
        Assert.Equal(("authenticated", "alice"), (Op(authenticated), authenticated.GetProperty("bot").GetString()));
        await anonymous.SendAsync(Subscribe("fills"));
        Assert.Equal("subscribed", Op((await anonymous.ReceiveAsync())!.Value));

        using var stranger = await ConnectAsync(_server);
        await stranger.SendAsync(new { op = "auth", token = "not-a-token-of-anyone-here" });
        var error = (await stranger.ReceiveAsync())!.Value;
        Assert.Equal(("error", "unauthorized"), (Op(error), error.GetProperty("error").GetString()));
        Assert.Null(await stranger.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stranger.Socket.CloseStatus);

        var header = await Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(_server, "not-a-token-of-anyone-here"));
        Assert.Contains("401", header.Message);
    }

    [Fact]
    public async Task Another_bot_s_fills_and_rejections_never_arrive()
    {
        using var alice = await ConnectAsync(_server, TestServer.AliceToken);
        using var bob = await ConnectAsync(_server, TestServer.BobToken);
        await alice.SendAsync(Subscribe("prices", "fills"));
        await alice.ReceiveUntilAsync(m => Type(m) == "price");
        await bob.SendAsync(Subscribe("fills"));
        await bob.ReceiveUntilAsync(m => Op(m) == "subscribed");

        await bob.SendAsync(Order("buy", 1, "b-1"));
        Assert.Equal("filled", (await OrderAnswer(bob, "b-1")).GetProperty("status").GetString());
        await bob.SendAsync(Order("buy", 1000, "b-2"));
        var bobSeen = new List<JsonElement>();
        Assert.Equal("rejected", (await OrderAnswer(bob, "b-2", bobSeen)).GetProperty("status").GetString());
        await Next(bob, bobSeen, "rejection"); // bob's own events are out before alice's order is placed

        await alice.SendAsync(Order("buy", 1, "a-9"));
        var seen = new List<JsonElement>();
        await alice.ReceiveUntilAsync(m => Type(m) == "fill", seen);
        Assert.DoesNotContain(seen, m => Type(m) is "fill" or "rejection" && Text(m.GetProperty("data"), "clientOrderId") != "a-9");
        Assert.DoesNotContain(seen, m => m.ToString().Contains("b-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resuming_after_the_last_seq_received_gives_no_gap_and_no_duplicate()
    {
        using var http = _server.Client(TestServer.AliceToken);
        long start, last;
        var received = new List<long>();
        using (var first = await ConnectAsync(_server))
        {
            await first.SendAsync(Subscribe("trades"));
            start = (await first.ReceiveAsync())!.Value.GetProperty("after").GetInt64();
            await TradeAsync(http, 4, "r1");
            for (var i = 0; i < 4; i++) received.Add(Seq(await first.ReceiveUntilAsync(m => Type(m) == "trade")));
            last = received[^1];
            first.Socket.Abort(); // gone without a goodbye, with trades still coming
        }
        await TradeAsync(http, 4, "r2");

        using var second = await ConnectAsync(_server);
        await second.SendAsync(new { op = "subscribe", topics = new[] { "trades" }, after = last.ToString() }); // as a string
        Assert.Equal(last, (await second.ReceiveAsync())!.Value.GetProperty("after").GetInt64());
        var expected = (await http.GetFromJsonAsync<JsonElement>($"api/v1/trades?after={start}"))
            .GetProperty("trades").EnumerateArray().Select(Seq).ToList();
        while (received.Count < expected.Count) received.Add(Seq(await second.ReceiveUntilAsync(m => Type(m) == "trade")));
        Assert.Equal(expected, received);
    }

    /// <summary>Alice buys and sells ALFA over REST: each order one trade.</summary>
    private async Task TradeAsync(HttpClient alice, int orders, string prefix)
    {
        var hub = _server.Server.Services.GetRequiredService<EventHub>();
        await Until(() => hub.Prices.Count == 2);
        for (var i = 0; i < orders; i++)
        {
            var side = i % 2 == 0 ? "buy" : "sell";
            var order = new { asset = "ALFA", side, quantity = 1, clientOrderId = $"{prefix}-{i}" };
            (await alice.PostAsJsonAsync("api/v1/orders", order)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_bad_message_is_answered_with_an_error_naming_the_field_and_the_socket_stays_open()
    {
        using var client = await ConnectAsync(_server);
        await ExpectBadRequests(client,
            ("{\"op\":\"auth\"}", "token"),
            ("{\"op\":\"auth\",\"token\":42}", "token"),
            ("{nope", "message"),
            ("[1,2]", "message"),
            ("{\"topics\":[\"prices\"]}", "op"),
            ("{\"op\":\"dance\"}", "op"),
            ("{\"op\":\"subscribe\"}", "topics"),
            ("{\"op\":\"subscribe\",\"topics\":[\"gossip\"]}", "topics"),
            ("{\"op\":\"subscribe\",\"topics\":[\"prices\"],\"after\":-1}", "after"),
            ("{\"op\":\"subscribe\",\"topics\":[\"prices\"],\"after\":\"five\"}", "after"),
            ("{\"op\":\"subscribe\",\"topics\":[\"prices\"],\"after\":true}", "after"));

        await client.SendAsync(new { op = "auth", token = TestServer.AliceToken }); // orders need a bot
        Assert.Equal("authenticated", Op((await client.ReceiveAsync())!.Value));
        await ExpectBadRequests(client,
            ("{\"op\":\"order\",\"asset\":\"ALFA\",\"side\":\"buy\",\"clientOrderId\":\"m-1\"}", "quantity"),
            ("{\"op\":\"order\",\"asset\":\"ALFA\",\"side\":\"buy\",\"quantity\":\"lots\"}", "quantity"),
            ("{\"op\":\"auth\",\"token\":\"x\"}", "op"));

        await client.SendAsync(new { op = "ping" });
        Assert.Equal("pong", Op((await client.ReceiveAsync())!.Value));
        Assert.Equal(WebSocketState.Open, client.Socket.State);
    }

    private static async Task ExpectBadRequests(SocketClient client, params (string Message, string Field)[] cases)
    {
        foreach (var (message, field) in cases)
        {
            await client.SendTextAsync(message);
            var error = (await client.ReceiveAsync())!.Value;
            Assert.Equal(("error", "bad_request", field), (Op(error), Text(error, "error"), Text(error, "field")));
            if (message.Contains("m-1", StringComparison.Ordinal)) Assert.Equal("m-1", error.GetProperty("clientOrderId").GetString());
        }
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_with_message_too_big()
    {
        using var client = await ConnectAsync(_server);
        await client.SendTextAsync("{\"op\":\"ping\",\"pad\":\"" + new string('x', 70_000) + "\"}");
        Assert.Empty(await client.ReceiveToCloseAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.Socket.CloseStatus);
    }

    [Fact]
    public async Task A_client_killed_mid_stream_releases_its_subscription_and_others_are_still_served()
    {
        var hub = _server.Server.Services.GetRequiredService<EventHub>();
        using var steady = await ConnectAsync(_server);
        await steady.SendAsync(Subscribe("prices"));
        await steady.ReceiveUntilAsync(m => Type(m) == "price");
        using (var killed = await ConnectAsync(_server))
        {
            await killed.SendAsync(Subscribe("prices", "trades"));
            await killed.ReceiveUntilAsync(m => Type(m) == "price");
            Assert.Equal(2, hub.Subscribers);
            killed.Socket.Abort();
        }
        await Until(() => hub.Subscribers == 1);
        var before = Seq(await steady.ReceiveUntilAsync(m => Type(m) == "price"));
        Assert.True(Seq(await steady.ReceiveUntilAsync(m => Type(m) == "price")) > before);
    }

    /// <summary>Polls (bounded) until the condition holds.</summary>
    internal static async Task Until(Func<bool> condition, int seconds = 20)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            if (waited > seconds * 1000) throw new TimeoutException("the condition never held");
            await Task.Delay(20);
        }
    }
}
