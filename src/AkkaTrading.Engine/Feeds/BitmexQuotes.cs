using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace AkkaTrading.Engine.Feeds;

/// <summary>The server refused, went silent or went away; the message says which, naming the URL.</summary>
public sealed class BitmexFeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <param name="PingAfter">silence after which a text <c>ping</c> is sent</param>
/// <param name="AnswerWithin">how long after the ping the server may stay silent before the feed gives up</param>
public sealed record BitmexFeedTiming(TimeSpan PingAfter, TimeSpan AnswerWithin, TimeSpan ConnectWithin)
{
    public static readonly BitmexFeedTiming Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
}

/// <summary>
/// Quotes from a server speaking BitMEX's realtime protocol (<c>/realtime</c>): subscribes to <c>instrument:SYMBOL</c> and
/// yields one field of that symbol's rows, <c>partial</c> and <c>update</c> alike, in arrival order. Rows without the field are
/// skipped; after a silence it sends <c>ping</c>. Ends with a <see cref="BitmexFeedException"/> when the server refuses, stays
/// silent after a ping or closes.
/// </summary>
public static class BitmexQuotes
{
    /// <summary>The largest frame accepted: far above any instrument row, so a broken server cannot fill memory.</summary>
    public const int MaxFrameBytes = 1 << 20;

    public static async IAsyncEnumerable<decimal> ReadAsync(Uri url, string symbol, string field, BitmexFeedTiming? timing = null,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        timing ??= BitmexFeedTiming.Default;
        using var socket = await ConnectAsync(url, timing.ConnectWithin, cancel);
        await SendAsync(socket, $$"""{"op":"subscribe","args":["instrument:{{symbol}}"]}""", url, cancel);
        var buffer = new byte[64 * 1024];
        var frame = new MemoryStream();
        var receive = socket.ReceiveAsync(buffer.AsMemory(), cancel).AsTask();
        var pinged = false;
        while (true)
        {
            var silence = Task.Delay(pinged ? timing.AnswerWithin : timing.PingAfter, cancel);
            if (await Task.WhenAny(receive, silence) == silence)
            {
                cancel.ThrowIfCancellationRequested();
                if (pinged) throw new BitmexFeedException($"{url} did not answer within {Seconds(timing.AnswerWithin)} of a ping");
                await SendAsync(socket, "ping", url, cancel);
                pinged = true;
                continue;
            }
            pinged = false;
            var result = await Received(receive, url);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new BitmexFeedException($"{url} closed the connection" +
                    (string.IsNullOrEmpty(socket.CloseStatusDescription) ? "" : $": {socket.CloseStatusDescription}"));
            frame.Write(buffer, 0, result.Count);
            if (frame.Length > MaxFrameBytes) throw new BitmexFeedException($"{url} sent a frame over {MaxFrameBytes} bytes");
            receive = socket.ReceiveAsync(buffer.AsMemory(), cancel).AsTask();
            if (!result.EndOfMessage) continue;
            var text = Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length);
            frame.SetLength(0);
            switch (BitmexFrame.Parse(text))
            {
                case BitmexFrame.Refused refused:
                    throw new BitmexFeedException($"{url} refused the subscription to instrument:{symbol}: {refused.Message}");
                case BitmexFrame.Rows { Table: "instrument" } rows:
                    foreach (var value in BitmexFrame.Values(rows, symbol, field)) yield return value;
                    break;
            }
        }
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri url, TimeSpan within, CancellationToken cancel)
    {
        var socket = new ClientWebSocket();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(within);
        try
        {
            await socket.ConnectAsync(url, timeout.Token);
            return socket;
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or OperationCanceledException
            && !cancel.IsCancellationRequested)
        {
            socket.Dispose();
            var why = e is OperationCanceledException ? $"no answer within {Seconds(within)}" : e.Message;
            throw new BitmexFeedException($"cannot connect to {url}: {why}", e);
        }
    }

    private static async Task<ValueWebSocketReceiveResult> Received(Task<ValueWebSocketReceiveResult> receive, Uri url)
    {
        try
        {
            return await receive;
        }
        catch (WebSocketException e)
        {
            throw new BitmexFeedException($"{url} dropped the connection: {e.Message}", e);
        }
    }

    private static async Task SendAsync(ClientWebSocket socket, string text, Uri url, CancellationToken cancel)
    {
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancel);
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            throw new BitmexFeedException($"{url} dropped the connection: {e.Message}", e);
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";
}
