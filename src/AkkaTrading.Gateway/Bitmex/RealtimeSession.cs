using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using AkkaTrading.Domain.Events;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>
/// One <c>/realtime</c> connection. A single loop takes the client's messages and the exchange's events in turn, so that a
/// table's acknowledgement and <c>partial</c> always come before its updates; the socket is written by that loop only.
/// </summary>
public sealed partial class RealtimeSession : IAsyncDisposable
{
    /// <summary>Close code for a client that fell too far behind: BitMEX clients reconnect and get fresh partials.</summary>
    public const int TooSlowCloseCode = 4001;

    private readonly WebSocket _socket;
    private readonly BitmexKeys _keys;
    private readonly BitmexViews _views;
    private readonly InstrumentBook _book;
    private readonly ExchangeClient _exchange;
    private readonly int _maxMessageBytes;
    private readonly Channel<string> _inbox = Channel.CreateBounded<string>(64);
    private readonly Subscription _live;
    private BitmexKey? _key;

    public RealtimeSession(WebSocket socket, BitmexKey? key, BitmexKeys keys, BitmexViews views, InstrumentBook book,
        ExchangeClient exchange, int maxMessageBytes)
    {
        (_socket, _key, _keys, _views, _book, _exchange, _maxMessageBytes) = (socket, key, keys, views, book, exchange, maxMessageBytes);
        // from the start, so that nothing between a partial and the next update is missed; it queues only what a topic asks for
        _live = exchange.Hub.Subscribe(Wants);
    }

    public async Task RunAsync(CancellationToken stop)
    {
        await SendAsync(new
        {
            info = "Welcome to the BitMEX Realtime API (AkkaTrading simulator: spot market orders only).",
            version = "akka-trading", timestamp = DateTimeOffset.UtcNow, docs = "https://www.bitmex.com/app/wsAPI",
            heartbeatEnabled = false, limit = new { remaining = 720 },
        }, stop);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var receiving = ReceiveAsync(done.Token);
        await LoopAsync(stop);
        // let the client's closing frame arrive, then stop reading
        await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        await done.CancelAsync();
        await receiving;
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop); // ends the pending reads when the loop ends
        Task<EventViews?>? nextEvent = null;
        Task<bool>? nextMessage = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                nextEvent ??= _live.NextAsync(done.Token).AsTask();
                nextMessage ??= _inbox.Reader.WaitToReadAsync(done.Token).AsTask();
                await Task.WhenAny(nextEvent, nextMessage);
                if (nextMessage.IsCompleted)
                {
                    if (!await nextMessage) break; // the client closed
                    nextMessage = null;
                    while (_inbox.Reader.TryRead(out var message)) await HandleAsync(message, stop);
                }
                if (nextEvent.IsCompleted)
                {
                    if (await nextEvent is not { } e)
                    {
                        await CloseAsync((WebSocketCloseStatus)TooSlowCloseCode, "too slow: subscribe again for fresh partials");
                        break;
                    }
                    nextEvent = null;
                    await PublishAsync(e.Event, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server stopping");
        }
        catch (WebSocketException)
        {
            // the peer went away mid-send: nothing to tell it
        }
        catch (Exception e) when (e is BitmexException or Akka.Actor.AskTimeoutException)
        {
            // the exchange did not answer a position or margin question in time: the client subscribes again for fresh partials
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, $"busy: {TopicNames.Excerpt(e.Message)}; subscribe again");
        }
        finally
        {
            await done.CancelAsync();
            await Task.WhenAll(new Task?[] { nextEvent, nextMessage }.OfType<Task>()).ContinueWith(_ => { }, CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default); // observed, whatever they ended with
        }
    }

    /// <summary>Reads whole text messages into the inbox; a message over the size limit closes the socket (1009).</summary>
    private async Task ReceiveAsync(CancellationToken stop)
    {
        var buffer = new byte[8192];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var read = await _socket.ReceiveAsync(buffer, stop);
                if (read.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, read.Count);
                if (message.Length > _maxMessageBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"messages are limited to {_maxMessageBytes} bytes");
                    break;
                }
                if (!read.EndOfMessage) continue;
                await _inbox.Writer.WriteAsync(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), stop);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // stopping, or the peer vanished
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    private async Task SendAsync(object message, CancellationToken stop) => await SendTextAsync(BitmexJson.Serialize(message), stop);

    private async Task SendTextAsync(string text, CancellationToken stop)
    {
        if (_socket.State != WebSocketState.Open) return;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, stop);
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the peer is gone already
        }
    }

    public ValueTask DisposeAsync()
    {
        _live.Dispose();
        return ValueTask.CompletedTask;
    }
}
