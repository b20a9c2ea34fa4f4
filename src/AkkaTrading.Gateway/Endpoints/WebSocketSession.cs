using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>
/// One WebSocket connection: a receive loop that runs the client's commands, one send loop that owns every send (a socket takes one
/// at a time) fed by a bounded outbox, and a pump that moves the subscribed events into the outbox. A client that cannot keep up
/// is closed with the seq to resume after; whatever it does, the exchange and the other clients never wait for it.
/// </summary>
public sealed partial class WebSocketSession : IDisposable
{
    public const WebSocketCloseStatus TooSlow = (WebSocketCloseStatus)4001, Gone = (WebSocketCloseStatus)4002;
    public const WebSocketCloseStatus Busy = (WebSocketCloseStatus)1013; // "try again later"

    /// <summary>How long the outbox may stay full before the client counts as too slow (prices are conflated meanwhile).</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a closing handshake may take before the connection is aborted.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a client closed as too slow or busy has to read what is already on its way (its socket buffers can hold
    /// megabytes of events) and then the close frame with its resume point, before the connection is aborted.
    /// </summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(30);

    /// <summary>A close frame to send; <see cref="Reason"/> is given the seq of the last event sent.</summary>
    private sealed record Closing(WebSocketCloseStatus Status, Func<long, string> Reason);

    private readonly WebSocket _socket;
    private readonly ExchangeClient _exchange;
    private readonly OrderDesk _desk;
    private readonly Callers _callers;
    private readonly GatewaySettings _settings;
    private readonly Channel<object> _outbox;
    private readonly CancellationTokenSource _life;
    private Closing? _closeNow; // set when queued messages are to be dropped: the client is too slow or gone
    private int _closeRequested;
    private long _lastSent;

    public WebSocketSession(WebSocket socket, string? bot, ExchangeClient exchange, OrderDesk desk, Callers callers,
        GatewaySettings settings, CancellationToken aborted)
    {
        _socket = socket;
        _bot = bot;
        _exchange = exchange;
        _desk = desk;
        _callers = callers;
        _settings = settings;
        _outbox = Channel.CreateBounded<object>(new BoundedChannelOptions(settings.QueueSize) { SingleReader = true });
        _life = CancellationTokenSource.CreateLinkedTokenSource(aborted);
    }

    /// <summary>Serves the connection until either side closes it, the client vanishes or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var onStop = stopping.Register(() => CloseNow(WebSocketCloseStatus.EndpointUnavailable, _ => "server stopping"));
        var sending = SendLoopAsync();
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // the client vanished, or the closing handshake ran out of time: nothing left to tell it
        }
        finally
        {
            await StopPumpAsync();
            CloseNow(WebSocketCloseStatus.NormalClosure, _ => "");
            await sending;
            _life.Cancel(); // aborts whatever is still pending on the socket
        }
    }

    /// <summary>Queues a message behind those already waiting; false once the connection is closing.</summary>
    private async ValueTask<bool> SendAsync(object message)
    {
        try
        {
            await _outbox.Writer.WriteAsync(message, _life.Token);
            return true;
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Closes after the messages already queued (an error that explains the close goes first).</summary>
    private async Task CloseAfterQueueAsync(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1) return;
        _life.CancelAfter(CloseGrace);
        try
        {
            await _outbox.Writer.WriteAsync(new Closing(status, _ => reason), _life.Token);
        }
        catch (OperationCanceledException)
        {
            // the outbox stayed full for the whole grace: the connection is aborted anyway
        }
        _outbox.Writer.TryComplete();
    }

    /// <summary>Closes as soon as the message being sent is out, dropping those queued.</summary>
    private void CloseNow(WebSocketCloseStatus status, Func<long, string> reason, TimeSpan? grace = null)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1) return;
        _closeNow = new Closing(status, reason);
        _life.CancelAfter(grace ?? CloseGrace);
        _outbox.Writer.TryComplete();
    }

    private bool IsClosing => Volatile.Read(ref _closeRequested) == 1;

    private async Task SendLoopAsync()
    {
        try
        {
            Closing? closing = null;
            while (closing is null && Volatile.Read(ref _closeNow) is null && await _outbox.Reader.WaitToReadAsync(_life.Token))
            {
                while (closing is null && Volatile.Read(ref _closeNow) is null && _outbox.Reader.TryRead(out var message))
                {
                    if (message is Closing c) closing = c;
                    else await SendOneAsync(message);
                }
            }
            closing ??= Volatile.Read(ref _closeNow);
            if (closing is not null && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(closing.Status, closing.Reason(_lastSent), _life.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // the client vanished or stopped reading for good: the receive loop sees it too and ends the session
            _life.Cancel();
        }
    }

    private async Task SendOneAsync(object message)
    {
        var bytes = message switch
        {
            WireEvent shared => shared.Json, // built once for every connection that sends it
            SocketJson written => written.Json,
            _ => JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), JsonSerializerOptions.Web),
        };
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _life.Token);
        _lastSent = message switch
        {
            WireEvent e => e.Seq,
            Subscribed s => s.After, // a new stream's resume point, until its first event is out
            _ => _lastSent,
        };
    }

    private async Task ReceiveLoopAsync()
    {
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            message.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                var room = Math.Min(4096, _settings.MaxRequestBytes + 1 - message.WrittenCount);
                if (room == 0)
                {
                    CloseNow(WebSocketCloseStatus.MessageTooBig, _ => $"messages are limited to {_settings.MaxRequestBytes} bytes");
                    await DrainUntilCloseAsync();
                    return;
                }
                received = await _socket.ReceiveAsync(message.GetMemory(room)[..room], _life.Token);
                message.Advance(received.Count);
            } while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                CloseNow(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, _ => "");
                return;
            }
            if (IsClosing) continue; // a command arriving while closing would go unanswered: not run
            await HandleAsync(message.WrittenMemory, received.MessageType);
        }
    }

    /// <summary>Discards what the client still sends until its close frame answers ours (or the grace runs out).</summary>
    private async Task DrainUntilCloseAsync()
    {
        var scratch = new byte[4096];
        while ((await _socket.ReceiveAsync(scratch.AsMemory(), _life.Token)).MessageType != WebSocketMessageType.Close) { }
    }

    public void Dispose() => _life.Dispose();
}
