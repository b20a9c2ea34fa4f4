using AkkaTrading.Engine.Feeds;
using AkkaTrading.Tests.Shared;

namespace AkkaTrading.Engine.Tests.Feeds;

public sealed class BitmexFrameTests
{
    [Fact]
    public void Frames_are_told_apart_by_their_shape()
    {
        Assert.IsType<BitmexFrame.Welcome>(BitmexFrame.Parse(BitmexRecording.Welcome));
        Assert.Equal("instrument:XBTUSD", Assert.IsType<BitmexFrame.Subscribed>(BitmexFrame.Parse(BitmexRecording.Subscribed)).Topic);
        var partial = Assert.IsType<BitmexFrame.Rows>(BitmexFrame.Parse(BitmexRecording.Partial));
        Assert.Equal(("instrument", "partial", 1), (partial.Table, partial.Action, partial.Data.Count));
        Assert.Equal("Unknown table: nope", Assert.IsType<BitmexFrame.Refused>(BitmexFrame.Parse(
            """{"status":400,"error":"Unknown table: nope","meta":{},"request":{"op":"subscribe","args":["nope"]}}""")).Message);
        Assert.IsType<BitmexFrame.Refused>(BitmexFrame.Parse("""{"success":false,"request":{}}"""));
        Assert.IsType<BitmexFrame.Pong>(BitmexFrame.Parse("pong"));
        Assert.IsType<BitmexFrame.Other>(BitmexFrame.Parse("not json {"));
        Assert.IsType<BitmexFrame.Other>(BitmexFrame.Parse("[1,2]"));
        Assert.IsType<BitmexFrame.Other>(BitmexFrame.Parse("""{"table":"instrument","action":"update","data":7}"""));
    }

    [Fact]
    public void Values_are_the_field_of_the_symbol_s_rows_that_carry_it_as_a_number()
    {
        var rows = (BitmexFrame.Rows)BitmexFrame.Parse("""
            {"table":"instrument","action":"update","data":[{"symbol":"XBTUSD","fairPrice":1.5},{"symbol":"ETHUSD","fairPrice":2},
            {"symbol":"XBTUSD","lastPrice":3},{"symbol":"XBTUSD","fairPrice":"4"},{"symbol":"XBTUSD","fairPrice":null},
            {"symbol":"XBTUSD","fairPrice":43211.0123456789}]}
            """);
        Assert.Equal([1.5m, 43211.0123456789m], BitmexFrame.Values(rows, "XBTUSD", "fairPrice"));
        Assert.Empty(BitmexFrame.Values(rows with { Action = "delete" }, "XBTUSD", "fairPrice"));
    }
}

/// <summary>The quote reader against a fake server on loopback; short timings keep the tests fast.</summary>
public sealed class BitmexQuotesTests
{
    private static readonly BitmexFeedTiming Quick =
        new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));

    private static async Task<List<decimal>> Read(Uri url, int count, string field = "fairPrice")
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var values = new List<decimal>();
        await foreach (var value in BitmexQuotes.ReadAsync(url, "XBTUSD", field, Quick, timeout.Token))
        {
            values.Add(value);
            if (values.Count == count) break;
        }
        return values;
    }

    [Fact]
    public async Task It_reads_the_field_from_the_partial_and_the_updates_in_order_skipping_rows_without_it()
    {
        await using var server = new FakeBitmexServer(BitmexRecording.ReplayAsync);
        Assert.Equal(BitmexRecording.FairPrices, await Read(server.Url, 3));
        Assert.Equal([43210.5m, 43213m], await Read(server.Url, 2, "lastPrice"));
    }

    [Fact]
    public async Task It_sends_ping_after_silence_and_goes_on_when_answered()
    {
        var pings = 0;
        await using var server = new FakeBitmexServer(async c =>
        {
            await c.SendAsync(BitmexRecording.Welcome);
            await c.ReceiveAsync(); // the subscription
            await c.SendAsync(BitmexRecording.Partial);
            while (await c.ReceiveAsync() is "ping")
                if (Interlocked.Increment(ref pings) == 2) await c.SendAsync(BitmexRecording.Updates[0]);
                else await c.SendAsync("pong");
        });
        Assert.Equal([43211.02m, 43212.5m], await Read(server.Url, 2));
        Assert.Equal(2, pings);
    }

    [Fact]
    public async Task A_refusal_is_an_error_saying_what_the_server_said()
    {
        await using var server = new FakeBitmexServer(BitmexRecording.RefuseAsync);
        var error = await Assert.ThrowsAsync<BitmexFeedException>(() => Read(server.Url, 1));
        Assert.Equal($"{server.Url} refused the subscription to instrument:XBTUSD: Unknown or expired symbol.", error.Message);
    }

    [Fact]
    public async Task Silence_after_a_ping_is_a_timeout()
    {
        await using var server = new FakeBitmexServer(async c =>
        {
            while (await c.ReceiveAsync() is not null) { } // never answers
        });
        var error = await Assert.ThrowsAsync<BitmexFeedException>(() => Read(server.Url, 1));
        Assert.Equal($"{server.Url} did not answer within 0.3 s of a ping", error.Message);
    }

    [Fact]
    public async Task A_close_or_a_dropped_connection_before_the_count_is_an_error()
    {
        await using (var closing = new FakeBitmexServer(async c =>
        {
            await c.ReceiveAsync();
            await c.SendAsync(BitmexRecording.Partial);
            await c.CloseAsync("maintenance");
        }))
        {
            var error = await Assert.ThrowsAsync<BitmexFeedException>(() => Read(closing.Url, 2));
            Assert.Equal($"{closing.Url} closed the connection: maintenance", error.Message);
        }
        await using var dropping = new FakeBitmexServer(async c =>
        {
            await c.ReceiveAsync();
            c.Drop();
        });
        Assert.StartsWith($"{dropping.Url} dropped the connection",
            (await Assert.ThrowsAsync<BitmexFeedException>(() => Read(dropping.Url, 1))).Message);
    }

    [Fact]
    public async Task Nobody_listening_is_an_error_naming_the_url()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var url = new Uri($"ws://127.0.0.1:{port}/realtime");
        Assert.StartsWith($"cannot connect to {url}: ", (await Assert.ThrowsAsync<BitmexFeedException>(() => Read(url, 1))).Message);
    }
}
