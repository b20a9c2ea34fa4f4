using System.Text.Json;

namespace AkkaTrading.Engine.Feeds;

/// <summary>One text frame of BitMEX's realtime WebSocket protocol, as far as a quote reader cares.</summary>
public abstract record BitmexFrame
{
    /// <summary><c>{"info":"Welcome …"}</c> on connect.</summary>
    public sealed record Welcome(string Info) : BitmexFrame;

    /// <summary><c>{"success":true,"subscribe":"instrument:XBTUSD",…}</c>.</summary>
    public sealed record Subscribed(string Topic) : BitmexFrame;

    /// <summary><c>{"status":400,"error":"…"}</c>, or a <c>success: false</c> answer: the server refused.</summary>
    public sealed record Refused(string Message) : BitmexFrame;

    /// <summary>Rows of a table (<c>partial</c>, <c>update</c>, <c>insert</c>, <c>delete</c>), each row's JSON kept whole.</summary>
    public sealed record Rows(string Table, string Action, IReadOnlyList<JsonElement> Data) : BitmexFrame;

    /// <summary>The answer to a text <c>ping</c>.</summary>
    public sealed record Pong : BitmexFrame;

    /// <summary>Anything else (kept for the error message when it matters).</summary>
    public sealed record Other(string Text) : BitmexFrame;

    /// <summary>Reads a frame; text that is not JSON is <see cref="Other"/>, never an exception.</summary>
    public static BitmexFrame Parse(string text)
    {
        if (text == "pong") return new Pong();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new Other(text);
        }
        if (root.ValueKind != JsonValueKind.Object) return new Other(text);
        if (root.TryGetProperty("error", out var error))
            return new Refused(error.ValueKind == JsonValueKind.String ? error.GetString()! : error.ToString());
        if (root.TryGetProperty("success", out var success))
            return success.ValueKind == JsonValueKind.True && root.TryGetProperty("subscribe", out var topic)
                ? new Subscribed(topic.ToString())
                : success.ValueKind == JsonValueKind.True ? new Other(text) : new Refused(text);
        if (root.TryGetProperty("table", out var table) && root.TryGetProperty("action", out var action)
            && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            return new Rows(table.ToString(), action.ToString(), [.. data.EnumerateArray()]);
        if (root.TryGetProperty("info", out var info)) return new Welcome(info.ToString());
        return new Other(text);
    }

    /// <summary>
    /// The value of <paramref name="field"/> in the rows of <paramref name="symbol"/> that carry it as a number, in order;
    /// rows of other symbols and rows without the field (an update of other columns) give none.
    /// </summary>
    public static IEnumerable<decimal> Values(Rows rows, string symbol, string field)
    {
        if (rows.Action is not ("partial" or "update" or "insert")) yield break;
        foreach (var row in rows.Data)
            if (row.ValueKind == JsonValueKind.Object
                && row.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String && s.GetString() == symbol
                && row.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
                && value.TryGetDecimal(out var number))
                yield return number;
    }
}
