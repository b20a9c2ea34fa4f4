using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AkkaTrading.Gateway.Wire;

/// <summary>A WebSocket control message from the server; <see cref="Op"/> comes first so a client can dispatch on it.</summary>
public abstract record SocketMessage([property: JsonPropertyOrder(-1)] string Op)
{
    /// <summary>A body shared with another transport (an order's outcome, a 429) as a socket message: <c>{"op":..., ...body}</c>.</summary>
    public static JsonObject WithOp(string op, object body)
    {
        var fields = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
        var message = new JsonObject { ["op"] = op };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name); // a node has one parent
            message[name] = value;
        }
        return message;
    }
}

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
