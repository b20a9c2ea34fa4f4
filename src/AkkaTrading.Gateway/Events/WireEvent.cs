using System.Globalization;
using System.Text;
using System.Text.Json;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Events;

/// <summary>
/// One view of an event as clients receive it: the envelope, its JSON and its SSE frame, each built at most once however many
/// connections send it (with 2,000 subscribers, serializing per connection cost more than everything else together).
/// </summary>
public sealed class WireEvent(Envelope envelope)
{
    private byte[]? _json, _sseFrame;

    public Envelope Envelope { get; } = envelope;
    public long Seq => Envelope.Seq;
    public string Type => Envelope.Type;

    /// <summary>The envelope as UTF-8 JSON, exactly as <see cref="JsonSerializer"/> writes it with
    /// <see cref="JsonSerializerOptions.Web"/>.</summary>
    public ReadOnlyMemory<byte> Json => Once(ref _json, () => JsonSerializer.SerializeToUtf8Bytes(Envelope, JsonSerializerOptions.Web));

    /// <summary>The envelope as one Server-Sent Event: <c>event:</c> its type, <c>data:</c> its JSON, <c>id:</c> its seq.</summary>
    public ReadOnlyMemory<byte> SseFrame => Once(ref _sseFrame, () => SseFrames.Event(Type, Json.Span, Seq));

    // a race builds the same bytes twice at worst; every reader then keeps the first, so all connections send one array
    private static byte[] Once(ref byte[]? field, Func<byte[]> build) =>
        Volatile.Read(ref field) ?? Interlocked.CompareExchange(ref field, build(), null) ?? Volatile.Read(ref field)!;
}

/// <summary>Server-Sent Event frames, byte for byte as <c>System.Net.ServerSentEvents.SseFormatter</c> writes them.</summary>
public static class SseFrames
{
    /// <summary><c>event: TYPE\ndata: JSON\nid: ID\n\n</c>; <paramref name="json"/> must hold no line break (compact JSON
    /// holds none).</summary>
    public static byte[] Event(string type, ReadOnlySpan<byte> json, long? id)
    {
        var idText = id?.ToString(CultureInfo.InvariantCulture);
        var idLine = idText is null ? 0 : "id: ".Length + idText.Length + 1;
        var frame = new byte["event: ".Length + Encoding.UTF8.GetByteCount(type) + "\ndata: ".Length + json.Length + 1 + idLine + 1];
        var at = 0;
        at += Write(frame.AsSpan(at), "event: "u8);
        at += Encoding.UTF8.GetBytes(type, frame.AsSpan(at));
        at += Write(frame.AsSpan(at), "\ndata: "u8);
        at += Write(frame.AsSpan(at), json);
        at += Write(frame.AsSpan(at), "\n"u8);
        if (idText is not null)
        {
            at += Write(frame.AsSpan(at), "id: "u8);
            at += Encoding.ASCII.GetBytes(idText, frame.AsSpan(at));
            at += Write(frame.AsSpan(at), "\n"u8);
        }
        Write(frame.AsSpan(at), "\n"u8);
        return frame;
    }

    /// <summary>A frame with no id whose data is <paramref name="data"/> as JSON (heartbeats, errors).</summary>
    public static byte[] Event(string type, object data) =>
        Event(type, JsonSerializer.SerializeToUtf8Bytes(data, data.GetType(), JsonSerializerOptions.Web), id: null);

    private static int Write(Span<byte> to, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(to);
        return bytes.Length;
    }
}
