using System.Buffers;
using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AkkaTrading.Benchmarks;

/// <summary>One streaming client of the load benchmark: what it received, and why it ended if it ended early.</summary>
public sealed class Subscriber(string name, LatencyHistogram priceLatency, Func<bool> measuring)
{
    public string Name { get; } = name;
    public List<long> Trades { get; } = []; // seqs of trade events, in arrival order
    public TaskCompletionSource FirstEvent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public long MaxSeq => Volatile.Read(ref _maxSeq);
    public string? Ended { get; private set; } // set when the stream ended before the benchmark stopped it: a disconnect
    private long _maxSeq;

    /// <summary>Reads one envelope: a trade's seq is kept, a price's age (now − the exchange's stamp) is sampled.</summary>
    public void Handle(ReadOnlySpan<byte> json)
    {
        var (kind, seq, time) = EnvelopeReader.Read(json);
        if (kind == EnvelopeKind.Other) return;
        if (kind == EnvelopeKind.Trade) Trades.Add(seq);
        else if (measuring()) priceLatency.Add(DateTimeOffset.UtcNow - time);
        Volatile.Write(ref _maxSeq, Math.Max(_maxSeq, seq));
        FirstEvent.TrySetResult();
    }

    /// <summary>SSE: <c>GET /api/v1/stream?topics=prices,trades</c> until stopped; an <c>error</c> event is a disconnect.</summary>
    public async Task RunSseAsync(HttpClient http, CancellationToken stop)
    {
        try
        {
            using var response = await http.GetAsync("api/v1/stream?topics=prices,trades", HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(stop);
            var parser = SseParser.Create(stream, (type, data) =>
            {
                if (type == "error") return Encoding.UTF8.GetString(data);
                if (type != "heartbeat") Handle(data);
                return null;
            });
            await foreach (var item in parser.EnumerateAsync(stop))
                if (item.Data is { } error) { Ended = "sse error " + error; return; }
            Ended = "sse stream ended";
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            Ended = "sse " + e.GetType().Name + ": " + e.Message;
            FirstEvent.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            // the benchmark stopped it
        }
    }

    private static readonly byte[] Subscribe = """{"op":"subscribe","topics":["prices","trades"]}"""u8.ToArray();

    /// <summary>WebSocket: <c>/api/v1/ws</c>, subscribe to prices and trades, read until stopped; a close is a disconnect.</summary>
    public async Task RunWebSocketAsync(Uri ws, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(ws, stop);
            await socket.SendAsync(Subscribe, WebSocketMessageType.Text, endOfMessage: true, stop);
            var message = new ArrayBufferWriter<byte>(1024);
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(message.GetMemory(512), stop);
                    message.Advance(received.Count);
                } while (!received.EndOfMessage);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    Ended = $"ws closed {(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
                    FirstEvent.TrySetResult();
                    return;
                }
                Handle(message.WrittenSpan);
            }
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            Ended = "ws " + e.GetType().Name + ": " + e.Message;
            FirstEvent.TrySetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the benchmark stopped it (cancelling a receive aborts the socket)
        }
    }
}

public enum EnvelopeKind { Other, Price, Trade }

/// <summary>An envelope's top-level <c>seq</c>, <c>type</c> and <c>time</c>, with no document built (clients share the cores).</summary>
public static class EnvelopeReader
{
    public static (EnvelopeKind Kind, long Seq, DateTimeOffset Time) Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var (kind, seq, time) = (EnvelopeKind.Other, 0L, default(DateTimeOffset));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("seq"u8)) { reader.Read(); seq = reader.GetInt64(); }
            else if (reader.ValueTextEquals("time"u8)) { reader.Read(); time = reader.GetDateTimeOffset(); }
            else if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.ValueTextEquals("price"u8) ? EnvelopeKind.Price
                    : reader.ValueTextEquals("trade"u8) ? EnvelopeKind.Trade : kind;
            }
            else if (reader.ValueTextEquals("op"u8)) return (EnvelopeKind.Other, 0, default); // a control message, not an event
            else { reader.Read(); reader.Skip(); }
        }
        return (kind, seq, time);
    }
}
