using System.Globalization;
using System.Text.Json;
using AkkaTrading.Gateway.Grpc.V1;
using Grpc.Core;
using static AkkaTrading.Gateway.Tests.GrpcReads;

namespace AkkaTrading.Gateway.Tests;

/// <summary>StreamEvents on a real server: seq order, each bot's own fills only, resumed without gap or duplicate, a gone cursor.</summary>
public sealed class GrpcStreamTests : GrpcServerTests
{

    private Task<OrderResult> Order(Exchange.ExchangeClient client, string side, string id) => client.PlaceOrderAsync(
        new OrderRequest { Asset = "ALFA", Side = side, Quantity = "1", ClientOrderId = id }, cancellationToken: Cancel).ResponseAsync;

    private static StreamRequest After(long seq, params string[] topics) => new() { After = seq, Topics = { topics } };

    [Fact]
    public async Task Prices_after_a_seq_come_in_seq_order()
    {
        var client = Server.Grpc();
        var start = (await PricesAsync(client, Cancel)).Seq;
        using var call = client.StreamEvents(After(start, "prices"), cancellationToken: Cancel);
        var events = await TakeAsync(call.ResponseStream, 10, Cancel);

        Assert.Equal(10, events.Count);
        Assert.All(events, e => Assert.Equal(("price", Event.DataOneofCase.Price), (e.Type, e.DataCase)));
        Assert.All(events, e => Assert.True(decimal.Parse(e.Price.Price_, CultureInfo.InvariantCulture) > 0));
        Assert.True(events[0].Seq > start);
        Assert.All(events.Zip(events.Skip(1)), p => Assert.True(p.Item1.Seq < p.Item2.Seq));
        Assert.All(events.Zip(events.Skip(1)), p => Assert.True(p.Item1.Time <= p.Item2.Time));
    }

    [Fact]
    public async Task A_bot_s_fills_and_rejections_come_to_its_own_stream_only()
    {
        var alice = Server.Grpc(TestServer.AliceToken);
        var bob = Server.Grpc(TestServer.BobToken);
        var start = (await PricesAsync(alice, Cancel)).Seq;
        using var aliceFills = alice.StreamEvents(After(start, "fills"), cancellationToken: Cancel);
        using var bobFills = bob.StreamEvents(After(start, "fills"), cancellationToken: Cancel);

        var a1 = await Order(alice, "buy", "f-1");
        var b1 = await Order(bob, "sell", "fb-1"); // bob holds nothing: rejected
        var a2 = await Order(alice, "sell", "f-2");
        var b2 = await Order(bob, "sell", "fb-2");

        var aliceEvents = await TakeAsync(aliceFills.ResponseStream, 2, Cancel);
        Assert.Equal([("fill", a1.Seq, "f-1"), ("fill", a2.Seq, "f-2")], aliceEvents.Select(e => (e.Type, e.Seq, e.Fill.ClientOrderId)));
        var bobEvents = await TakeAsync(bobFills.ResponseStream, 2, Cancel);
        Assert.Equal([("rejection", b1.Seq, "fb-1"), ("rejection", b2.Seq, "fb-2")],
            bobEvents.Select(e => (e.Type, e.Seq, e.Rejection.ClientOrderId)));
        Assert.All(bobEvents, e => Assert.Equal("insufficient_position", e.Rejection.Reason));
    }

    [Fact]
    public async Task A_stream_resumed_after_a_seq_has_no_gap_and_no_duplicate()
    {
        var alice = Server.Grpc(TestServer.AliceToken);
        var start = (await PricesAsync(alice, Cancel)).Seq;
        var results = new List<OrderResult>();
        for (var i = 0; i < 6; i++) results.Add(await Order(alice, i % 2 == 0 ? "buy" : "sell", $"r-{i}"));
        var lastSeq = results[^1].Seq;

        var anonymous = Server.Grpc();
        List<Event> first;
        using (var call = anonymous.StreamEvents(After(start, "trades"), cancellationToken: Cancel))
            first = await TakeAsync(call.ResponseStream, 3, Cancel); // then the connection drops
        using var resumed = anonymous.StreamEvents(After(first[^1].Seq, "trades"), cancellationToken: Cancel);
        var rest = await UntilAsync(resumed.ResponseStream, e => e.Seq >= lastSeq, Cancel);
        var streamed = first.Concat(rest)
            .Select(e => (e.Seq, e.Trade.Bot, e.Trade.Side, Dec(e.Trade.Quantity), Dec(e.Trade.Price))).ToList();

        using var rest1 = Server.Client();
        var page = JsonDocument.Parse(await rest1.GetStringAsync($"api/v1/trades?after={start}", Cancel)).RootElement;
        var polled = page.GetProperty("trades").EnumerateArray().Where(t => t.GetProperty("seq").GetInt64() <= lastSeq).Select(t =>
        {
            var d = t.GetProperty("data");
            return (t.GetProperty("seq").GetInt64(), d.GetProperty("bot").GetString()!, d.GetProperty("side").GetString()!,
                d.GetProperty("quantity").GetDecimal(), d.GetProperty("price").GetDecimal());
        }).ToList();
        Assert.Equal(polled, streamed);
        Assert.Equal(results.Select(r => r.Seq), streamed.Where(t => t.Bot == "alice").Select(t => t.Seq));
    }

    [Fact]
    public async Task A_cursor_older_than_the_log_is_a_failed_precondition_to_resync()
    {
        await using var server = await TestServer.StartAsync("event-log-size = 20");
        var client = server.Grpc();
        while ((await client.GetPricesAsync(new PricesRequest(), cancellationToken: Cancel)).Seq <= 40) await Task.Delay(25, Cancel);

        using var call = client.StreamEvents(After(1), cancellationToken: Cancel);
        var e = await GrpcTests.AssertStatus(StatusCode.FailedPrecondition, () => call.ResponseStream.MoveNext(Cancel));
        Assert.StartsWith("gone: ", e.Status.Detail);
        Assert.EndsWith("resync from a snapshot", e.Status.Detail);
        Assert.True(long.Parse(e.Trailers.GetValue("oldest-seq")!, CultureInfo.InvariantCulture) > 2);
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
