using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AkkaTrading.Gateway.Events;
using Microsoft.Extensions.DependencyInjection;
using static AkkaTrading.Gateway.Tests.SocketClient;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The WebSocket transport at its limits: a client too slow, a resume point gone, a rate limit, a server stopping.</summary>
public sealed class WebSocketLimitTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_closed_as_too_slow_while_another_keeps_receiving_and_it_resumes_without_a_gap()
    {
        await using var server = await TestServer.StartAsync("queue-size = 16, orders-per-second = 100000, order-burst = 100000", "10ms");
        var hub = server.Server.Services.GetRequiredService<EventHub>();
        using var steady = await ConnectAsync(server);
        await steady.SendAsync(new { op = "subscribe", topics = new[] { "prices" } });
        await steady.ReceiveUntilAsync(m => Op(m) == "subscribed");
        using var stopReading = new CancellationTokenSource();
        var steadySeqs = new List<long>();
        var steadyReading = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested && await steady.ReceiveAsync() is { } message)
                lock (steadySeqs) steadySeqs.Add(Seq(message));
        });

        using var slow = await ConnectAsync(server, receiveBuffer: 4096);
        await slow.SendAsync(new { op = "subscribe", topics = new[] { "prices", "trades" } });
        var subscribed = (await slow.ReceiveAsync())!.Value;
        Assert.Equal(2, hub.Subscribers);

        // trades are never conflated: a flood of them fills the slow client's queue once its socket stops taking bytes
        using var alice = server.Client(TestServer.AliceToken);
        await WebSocketTests.Until(() => hub.Prices.Count == 2);
        var orders = 0;
        var watch = Stopwatch.StartNew();
        while (hub.Subscribers == 2 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var side = orders++ % 2 == 0 ? "buy" : "sell";
            (await alice.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side, quantity = 1 })).EnsureSuccessStatusCode();
        }
        Assert.Equal(1, hub.Subscribers);

        var messages = await slow.ReceiveToCloseAsync();
        Assert.Equal((WebSocketCloseStatus)4001, slow.Socket.CloseStatus);
        var lastSeq = messages.Count > 0 ? Seq(messages[^1]) : subscribed.GetProperty("after").GetInt64();
        Assert.Equal($"too slow: resume after seq {lastSeq}", slow.Socket.CloseStatusDescription);
        Assert.Equal(messages.Select(Seq).Order(), messages.Select(Seq));

        int steadyBefore;
        lock (steadySeqs) steadyBefore = steadySeqs.Count;
        await WebSocketTests.Until(() => { lock (steadySeqs) return steadySeqs.Count > steadyBefore + 5; });
        Assert.Equal(WebSocketState.Open, steady.Socket.State);
        await stopReading.CancelAsync();

        using var again = await ConnectAsync(server);
        await again.SendAsync(new { op = "subscribe", topics = new[] { "trades" }, after = lastSeq });
        await again.ReceiveUntilAsync(m => Op(m) == "subscribed");
        var expected = (await alice.GetFromJsonAsync<JsonElement>($"api/v1/trades?after={lastSeq}&limit=50"))
            .GetProperty("trades").EnumerateArray().Select(Seq).ToList();
        var resumed = new List<long>();
        while (resumed.Count < expected.Count) resumed.Add(Seq(await again.ReceiveUntilAsync(m => Type(m) == "trade")));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, resumed);
    }

    [Fact]
    public async Task A_resume_point_older_than_the_log_is_gone_and_closed()
    {
        await using var server = await TestServer.StartAsync("event-log-size = 10");
        var hub = server.Server.Services.GetRequiredService<EventHub>();
        await WebSocketTests.Until(() => hub.LastSeq > 20);
        using var client = await ConnectAsync(server);
        await client.SendAsync(new { op = "subscribe", topics = new[] { "prices" }, after = 1 });
        var error = (await client.ReceiveAsync())!.Value;
        Assert.Equal(("error", "gone"), (Op(error), error.GetProperty("error").GetString()));
        Assert.Null(await client.ReceiveAsync());
        Assert.Equal((WebSocketCloseStatus)4002, client.Socket.CloseStatus);
        Assert.Equal("gone: resync from a snapshot", client.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task An_order_over_the_rate_limit_is_an_error_with_retry_after_and_the_socket_stays_open()
    {
        await using var server = await TestServer.StartAsync("orders-per-second = 1, order-burst = 1");
        await WebSocketTests.Until(() => server.Server.Services.GetRequiredService<EventHub>().Prices.Count == 2);
        using var alice = await ConnectAsync(server, TestServer.AliceToken);
        await alice.SendAsync(new { op = "order", asset = "ALFA", side = "buy", quantity = 1, clientOrderId = "l-1" });
        Assert.Equal("filled", (await alice.ReceiveAsync())!.Value.GetProperty("status").GetString());
        await alice.SendAsync(new { op = "order", asset = "ALFA", side = "buy", quantity = 1, clientOrderId = "l-2" });
        var limited = (await alice.ReceiveAsync())!.Value;
        Assert.Equal(("error", "rate_limited", "l-2"), (Op(limited), Text(limited, "error"), Text(limited, "clientOrderId")));
        Assert.InRange(limited.GetProperty("retryAfter").GetDouble(), 0.001, 1);
        await alice.SendAsync(new { op = "ping" });
        Assert.Equal("pong", Op((await alice.ReceiveAsync())!.Value));
    }

    [Fact]
    public async Task A_stopping_server_closes_its_sockets_instead_of_waiting_for_them()
    {
        var server = await TestServer.StartAsync();
        using var client = await ConnectAsync(server);
        await client.SendAsync(new { op = "subscribe", topics = new[] { "prices" } });
        await client.ReceiveUntilAsync(m => Type(m) == "price");
        var watch = Stopwatch.StartNew();
        var stopping = server.DisposeAsync().AsTask();
        await client.ReceiveToCloseAsync();
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.Socket.CloseStatus);
        await stopping;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {watch.Elapsed}");
    }
}
