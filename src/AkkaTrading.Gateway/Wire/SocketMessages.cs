using System.Text.Json;
using System.Text.Json.Serialization;

namespace AkkaTrading.Gateway.Wire;

/// <summary>A WebSocket control message from the server; <see cref="Op"/> comes first so a client can dispatch on it.</summary>
public abstract record SocketMessage([property: JsonPropertyOrder(-1)] string Op)
{
    /// <summary>
    /// A body shared with another transport (an order's outcome, a 429) as a socket message's JSON: <c>{"op":..., ...body}</c>.
    /// The body's JSON is spliced after the op rather than built as a document and written again: an answer per order.
    /// </summary>
    public static SocketJson WithOp(string op, object body)
    {
        var fields = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonSerializerOptions.Web);
        if (fields is not [(byte)'{', .., (byte)'}']) throw new ArgumentException("must serialize as a JSON object", nameof(body));
        var head = JsonSerializer.SerializeToUtf8Bytes(new { op }, JsonSerializerOptions.Web); // {"op":"..."}
        var json = new byte[head.Length + fields.Length - (fields.Length == 2 ? 2 : 1)];
        head.AsSpan(0, head.Length - 1).CopyTo(json);
        var at = head.Length - 1;
        if (fields.Length > 2) json[at++] = (byte)',';
        fields.AsSpan(1).CopyTo(json.AsSpan(at));
        return new SocketJson(json);
    }
}

/// <summary>A socket message already written as JSON.</summary>
public sealed record SocketJson(byte[] Json);

public sealed record Authenticated(string Bot) : SocketMessage("authenticated");

/// <summary>The topics now streamed and the seq they stream after.</summary>
public sealed record Subscribed(IReadOnlyList<string> Topics, long After) : SocketMessage("subscribed");

public sealed record Unsubscribed(IReadOnlyList<string> Topics) : SocketMessage("unsubscribed");

public sealed record Pong() : SocketMessage("pong");

/// <summary>A message the server could not take, or a stream that ended; the socket stays open unless a close frame follows.</summary>
public sealed record SocketError(
    string Error,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientOrderId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RetryAfter = null) : SocketMessage("error");
