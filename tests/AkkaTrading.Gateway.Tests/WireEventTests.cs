using System.Net.ServerSentEvents;
using System.Text.Json;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The bytes built once per event are those serializing per connection gave: the wire did not change.</summary>
public sealed class WireEventTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 24, 12, 0, 0, 123, TimeSpan.Zero);

    public static TheoryData<ExchangeEvent> Events() =>
    [
        new(41, Time, new PriceData("ALFA", 101.2500m)),
        new(42, Time, new TradeData(new Fill(3, "alice", "BETA", Side.Sell, 2.5m, 99.10m, 0.0123m), "a-1")),
        new(43, Time, new RejectionData(new Rejection(4, new Order("alice", "ALFA", Side.Buy, 1e9m), RejectReason.InsufficientCash,
            1e11m, 10m), null)),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public async Task Json_and_sse_frames_are_byte_for_byte_what_the_serializer_and_sse_formatter_write(ExchangeEvent e)
    {
        var views = new EventViews(e);
        foreach (var bot in new[] { null, "alice", "bob" })
        {
            if (views.For(Topics.All, bot) is not { } view) continue;
            var envelope = TopicNames.View(e, Topics.All, bot)!;
            Assert.Equal(envelope, view.Envelope);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(envelope, JsonSerializerOptions.Web), view.Json.ToArray());
            Assert.Equal(await Formatted(new SseItem<object>(envelope, envelope.Type) { EventId = envelope.Seq.ToString() }),
                view.SseFrame.ToArray());
            Assert.Same(view, views.For(Topics.All, bot)); // built once, shared
        }
    }

    [Fact]
    public async Task Heartbeat_and_error_frames_are_what_the_sse_formatter_writes()
    {
        Assert.Equal(await Formatted(new SseItem<object>(new { }, "heartbeat")), SseFrames.Event("heartbeat", new { }));
        var error = new ErrorMessage("too_slow", "too slow: the connection fell behind; resume after seq 7 — ≥");
        Assert.Equal(await Formatted(new SseItem<object>(error, "error")), SseFrames.Event("error", error));
    }

    [Fact]
    public void A_trade_is_one_trade_view_for_everyone_and_a_fill_for_its_bot()
    {
        var views = new EventViews(new(42, Time, new TradeData(new Fill(3, "alice", "BETA", Side.Sell, 2.5m, 99.10m, 0.01m), "a-1")));
        Assert.Equal("fill", views.For(Topics.All, "alice")!.Type);
        Assert.Equal("trade", views.For(Topics.Trades, "alice")!.Type);
        Assert.Same(views.For(Topics.All, null), views.For(Topics.All, "bob"));
        Assert.Null(views.For(Topics.Prices, "bob"));
    }

    public static TheoryData<object> Answers() =>
    [
        new OrderResultMessage("filled", 42, false, "a-1", new FillMessage("ALFA", "buy", 1, 101.2500m, 0.0101m, "a-1"), null),
        new OrderResultMessage("rejected", 43, true, null, null,
            new RejectionMessage("ALFA", "buy", 1e9m, "insufficient_cash", "needs 1e11 — has 10 ≥ \"x\"", null)),
        new ErrorMessage("rate_limited", "too many orders"),
        new { },
    ];

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_socket_answer_is_the_body_with_its_op_first_as_a_json_document_wrote_it(object body)
    {
        var document = JsonSerializer.SerializeToNode(body, body.GetType(), JsonSerializerOptions.Web)!.AsObject();
        var expected = new System.Text.Json.Nodes.JsonObject { ["op"] = "order" };
        foreach (var (name, value) in document.ToList())
        {
            document.Remove(name);
            expected[name] = value;
        }
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(expected, JsonSerializerOptions.Web), SocketMessage.WithOp("order", body).Json);
    }

    private static async Task<byte[]> Formatted(SseItem<object> item)
    {
        using var stream = new MemoryStream();
        await SseFormatter.WriteAsync(new[] { item }.ToAsyncEnumerable(), stream,
            (i, writer) => JsonSerializer.Serialize(new Utf8JsonWriter(writer), i.Data, i.Data.GetType(), JsonSerializerOptions.Web));
        return stream.ToArray();
    }
}
