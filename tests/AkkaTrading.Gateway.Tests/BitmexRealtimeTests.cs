using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The BitMEX dialect's <c>/realtime</c> socket, as a BitMEX client sees it.</summary>
public sealed class BitmexRealtimeTests : IAsyncLifetime
{
    private BitmexServer _server = null!;

    public async Task InitializeAsync() => _server = await BitmexServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static long Seconds(int fromNow = 60) => DateTimeOffset.UtcNow.ToUnixTimeSeconds() + fromNow;

    private static string Auth(long expires, string secret = BitmexServer.ApiSecret) => JsonSerializer.Serialize(new
    {
        op = "authKeyExpires", args = new object[] { BitmexServer.ApiKey, expires, BitmexServer.Sign(secret, "GET/realtime" + expires) },
    });

    [Fact]
    public async Task Welcomes_acknowledges_a_subscription_sends_a_partial_then_updates_with_every_price_field()
    {
        using var socket = await _server.ConnectAsync();
        Assert.Contains("Welcome", (await socket.ReceiveJsonAsync()).Str("info"));

        await socket.SendAsync("""{"op":"subscribe","args":"instrument:XBTUSD"}""");
        var ack = await socket.ReceiveJsonAsync();
        Assert.True(ack.GetProperty("success").GetBoolean());
        Assert.Equal("instrument:XBTUSD", ack.Str("subscribe"));
        Assert.Equal("instrument:XBTUSD", ack.GetProperty("request").Str("args"));

        var partial = await socket.ReceiveJsonAsync();
        Assert.Equal("partial", partial.Str("action"));
        Assert.Equal("instrument", partial.Str("table"));
        Assert.Equal("""["symbol"]""", partial.GetProperty("keys").GetRawText());
        Assert.Equal("float", partial.GetProperty("types").Str("fairPrice"));
        Assert.Equal("timestamp", partial.GetProperty("types").Str("timestamp"));
        Assert.Equal("XBTUSD", partial.GetProperty("filter").Str("symbol"));
        Assert.True(partial.TryGetProperty("foreignKeys", out _) && partial.TryGetProperty("attributes", out _));
        var row = Assert.Single(partial.GetProperty("data").EnumerateArray());
        Assert.Equal("XBTUSD", row.Str("symbol"));
        Assert.Equal(1m, row.GetProperty("lotSize").GetDecimal());

        var update = await socket.ReceiveJsonAsync();
        Assert.Equal("update", update.Str("action"));
        var fields = Assert.Single(update.GetProperty("data").EnumerateArray());
        foreach (var field in new[] { "symbol", "lastPrice", "markPrice", "fairPrice", "bidPrice", "askPrice", "timestamp" })
            Assert.True(fields.TryGetProperty(field, out _), field);
        Assert.EndsWith("Z", fields.Str("timestamp"));
    }

    [Fact]
    public async Task Answers_ping_with_pong_and_stops_a_table_on_unsubscribe()
    {
        using var socket = await _server.ConnectAsync();
        await socket.ReceiveJsonAsync();
        await socket.SendAsync("ping");
        Assert.Equal("pong", await socket.ReceiveTextAsync());

        await socket.SendAsync("""{"op":"subscribe","args":["instrument:XBTUSD","instrument:ALFA"]}""");
        await socket.ReceiveUntilAsync(m => m.Str("action") == "update");
        await socket.SendAsync("""{"op":"unsubscribe","args":["instrument:XBTUSD","instrument:ALFA"]}""");
        await socket.ReceiveUntilAsync(m => m.Str("unsubscribe") == "instrument:ALFA");
        await Task.Delay(200); // several prices later
        await socket.SendAsync("ping");
        Assert.Equal("pong", await socket.ReceiveTextAsync());

        await socket.SendAsync("""{"op":"unsubscribe","args":"instrument:XBTUSD"}""");
        var error = await socket.ReceiveJsonAsync();
        Assert.Equal(400, error.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Refuses_private_tables_without_auth_and_unknown_tables_in_bitmex_error_shape()
    {
        using var socket = await _server.ConnectAsync();
        await socket.ReceiveJsonAsync();
        await socket.SendAsync("""{"op":"subscribe","args":["position"]}""");
        var error = await socket.ReceiveJsonAsync();
        Assert.Equal(401, error.GetProperty("status").GetInt32());
        Assert.Contains("no authorization", error.Str("error"));
        Assert.Equal("subscribe", error.GetProperty("request").Str("op"));

        await socket.SendAsync("""{"op":"subscribe","args":["orderBookL2:XBTUSD"]}""");
        Assert.Contains("Unknown table", (await socket.ReceiveJsonAsync()).Str("error"));
        await socket.SendAsync("""{"op":"dance"}""");
        Assert.Equal(400, (await socket.ReceiveJsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AuthKeyExpires_accepts_seconds_and_milliseconds_and_refuses_wrong_or_expired_signatures()
    {
        using var socket = await _server.ConnectAsync();
        await socket.ReceiveJsonAsync();
        await socket.SendAsync(Auth(Seconds(), secret: "wrong"));
        var wrong = await socket.ReceiveJsonAsync();
        Assert.Equal(401, wrong.GetProperty("status").GetInt32());
        Assert.Equal("Signature not valid.", wrong.Str("error"));

        await socket.SendAsync(Auth(Seconds(-60)));
        Assert.Contains("expired", (await socket.ReceiveJsonAsync()).Str("error"));

        await socket.SendAsync(Auth(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())); // as ccxt signs: now, in milliseconds
        Assert.True((await socket.ReceiveJsonAsync()).GetProperty("success").GetBoolean());
        await socket.SendAsync(Auth(Seconds()));
        Assert.True((await socket.ReceiveJsonAsync()).GetProperty("success").GetBoolean());

        await socket.SendAsync("""{"op":"subscribe","args":["margin"]}""");
        await socket.ReceiveUntilAsync(m => m.Str("subscribe") == "margin");
        var partial = await socket.ReceiveJsonAsync();
        Assert.Equal("margin", partial.Str("table"));
        var cash = partial.GetProperty("data").EnumerateArray().First();
        Assert.Equal("USD", cash.Str("currency"));
        Assert.Equal(10_000_000_000m, cash.GetProperty("walletBalance").GetDecimal()); // 10000 USD in millionths
    }

    [Fact]
    public async Task Authenticates_on_the_upgrade_url_and_refuses_a_bad_signature_there_with_401()
    {
        var expires = Seconds();
        var signature = BitmexServer.Sign(BitmexServer.ApiSecret, "GET/realtime" + expires);
        var bad = await Assert.ThrowsAsync<WebSocketException>(() =>
            _server.ConnectAsync($"?api-expires={expires}&api-key={BitmexServer.ApiKey}&api-signature={new string('0', 64)}"));
        Assert.Contains("401", bad.Message);

        using var socket = await _server.ConnectAsync($"?api-expires={expires}&api-key={BitmexServer.ApiKey}&api-signature={signature}");
        await socket.ReceiveJsonAsync();
        await socket.SendAsync("""{"op":"subscribe","args":["position:XBTUSD","order","execution"]}""");
        var partial = await socket.ReceiveUntilAsync(m => m.Str("table") == "position");
        Assert.Equal("""["account","symbol"]""", partial.GetProperty("keys").GetRawText());
        Assert.Equal(0m, Assert.Single(partial.GetProperty("data").EnumerateArray()).GetProperty("currentQty").GetDecimal());
        await socket.ReceiveUntilAsync(m => m.Str("table") == "execution" && m.Str("action") == "partial");

        using var http = _server.Client();
        using var order = await http.SendAsync(BitmexServer.Signed(HttpMethod.Post, "/api/v1/order",
            """{"symbol":"XBTUSD","side":"Buy","orderQty":2,"ordType":"Market","clOrdID":"ws-1"}"""));
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);

        var inserted = await socket.ReceiveUntilAsync(m => m.Str("table") == "order");
        Assert.Equal("insert", inserted.Str("action"));
        Assert.Equal("Filled", inserted.GetProperty("data")[0].Str("ordStatus"));
        Assert.Equal("ws-1", inserted.GetProperty("data")[0].Str("clOrdID"));
        var execution = await socket.ReceiveUntilAsync(m => m.Str("table") == "execution");
        Assert.Equal("Trade", execution.GetProperty("data")[0].Str("execType"));
        var position = await socket.ReceiveUntilAsync(m => m.Str("table") == "position");
        Assert.Equal("update", position.Str("action"));
        Assert.Equal(2m, position.GetProperty("data")[0].GetProperty("currentQty").GetDecimal());
        Assert.Equal((await order.Content.ReadFromJsonAsync<JsonElement>()).Str("orderID"), inserted.GetProperty("data")[0].Str("orderID"));
    }
}
