using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>The client's commands (auth, subscribe, unsubscribe, order, ping) and the pump of the subscribed events.</summary>
public sealed partial class WebSocketSession
{
    public const string Ops = "auth, subscribe, unsubscribe, order, ping";

    private string? _bot;
    private Topics _topics;
    private Task _pump = Task.CompletedTask;
    private CancellationTokenSource? _pumpStop;
    private long _lastQueued; // the seq the stream stands at in the outbox: a new subscription continues from it

    /// <summary>Runs one message; a bad one is answered with an error and the socket stays open.</summary>
    private async Task HandleAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type)
    {
        string? clientOrderId = null;
        try
        {
            if (type != WebSocketMessageType.Text) throw new BadRequestException("message", "must be JSON text, not binary");
            using var document = ParseJson(bytes);
            var message = document.RootElement;
            if (message.ValueKind != JsonValueKind.Object) throw new BadRequestException("message", "must be a JSON object");
            clientOrderId = TryClientOrderId(message);
            var op = message.TryGetProperty("op", out var o) ? o.ValueKind == JsonValueKind.String ? o.GetString() : null
                : throw new BadRequestException("op", $"is missing (one of: {Ops})");
            switch (op)
            {
                case "auth": await AuthenticateAsync(message); break;
                case "subscribe": await SubscribeAsync(message); break;
                case "unsubscribe": await UnsubscribeAsync(message); break;
                case "order": await OrderAsync(message); break;
                case "ping": await SendAsync(new Pong()); break;
                default: throw new BadRequestException("op", $"'{TopicNames.Excerpt(op ?? "")}' is not an op (known: {Ops})");
            }
        }
        catch (BadRequestException e)
        {
            await SendAsync(new SocketError("bad_request", e.Message, e.Field, clientOrderId));
        }
        catch (UnauthorizedException e)
        {
            await SendAsync(new SocketError("unauthorized", e.Message, ClientOrderId: clientOrderId));
        }
        catch (AskTimeoutException)
        {
            await SendAsync(new SocketError("busy", "the exchange did not answer in time; try again", ClientOrderId: clientOrderId));
        }
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new BadRequestException("message", "is not valid JSON: " + TopicNames.Excerpt(e.Message));
        }
    }

    private async Task AuthenticateAsync(JsonElement message)
    {
        if (_bot is not null) throw new BadRequestException("op", $"'auth': already authenticated as {_bot}");
        var bot = _callers.Tokens.BotOf(RequiredString(message, "token"));
        if (bot is null)
        {
            await SendAsync(new SocketError("unauthorized", "the token is not valid"));
            await CloseAfterQueueAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized");
            return;
        }
        _bot = bot;
        await SendAsync(new Authenticated(bot));
    }

    private async Task SubscribeAsync(JsonElement message)
    {
        var topics = _topics | ReadTopics(message);
        if (_bot is null && (topics.HasFlag(Topics.Fills) || !_settings.PublicReads)) throw new UnauthorizedException();
        long? after = null;
        if (message.TryGetProperty("after", out var a) && a.ValueKind != JsonValueKind.Null)
            after = (a.ValueKind == JsonValueKind.Number && a.TryGetInt64(out var seq)
                || a.ValueKind == JsonValueKind.String
                && long.TryParse(a.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seq))
                && seq >= 0 ? seq : throw new BadRequestException("after", "must be a sequence number ≥ 0");

        if (after is { } asked && await _exchange.EventsAsync(asked, 0, _life.Token) is { Gone: true } page)
        {
            await EndAsGoneAsync(new ResumeGoneException(asked, page));
            return;
        }
        await StopPumpAsync();
        var from = after ?? (_topics == Topics.None ? _exchange.Hub.LastSeq : _lastQueued); // from now, or on from where the stream is
        _topics = topics;
        await SendAsync(new Subscribed(TopicNames.Names(topics), from));
        StartPump(from);
    }

    private async Task UnsubscribeAsync(JsonElement message)
    {
        var removed = ReadTopics(message);
        await StopPumpAsync();
        _topics &= ~removed;
        await SendAsync(new Unsubscribed(TopicNames.Names(_topics)));
        if (_topics != Topics.None) StartPump(_lastQueued);
    }

    private async Task OrderAsync(JsonElement message)
    {
        var bot = _bot ?? throw new UnauthorizedException();
        var reply = await _desk.PlaceAsync(bot, OrderDesk.Parse(message), _life.Token);
        if (reply.RetryAfter is { } wait && reply.Body is ErrorMessage limited)
            await SendAsync(new SocketError(limited.Error, limited.Message, ClientOrderId: TryClientOrderId(message),
                RetryAfter: Math.Ceiling(wait.TotalMilliseconds) / 1000)); // never 0: a wait under 1 ms rounds up
        else
            await SendAsync(SocketMessage.WithOp("order", reply.Body));
    }

    private static string? TryClientOrderId(JsonElement message) =>
        message.TryGetProperty("clientOrderId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static Topics ReadTopics(JsonElement message)
    {
        if (!message.TryGetProperty("topics", out var list))
            throw new BadRequestException("topics", $"is missing (known: {TopicNames.Known})");
        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            throw new BadRequestException("topics", "must be an array of topic names");
        var topics = TopicNames.Parse(list.EnumerateArray().Select(t => t.GetString()), Topics.None);
        return topics != Topics.None ? topics
            : throw new BadRequestException("topics", $"must name at least one topic (known: {TopicNames.Known})");
    }

    private static string RequiredString(JsonElement message, string field) =>
        message.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!
            : throw new BadRequestException(field, "is missing or not a string");

    private void StartPump(long after)
    {
        _lastQueued = after;
        _pumpStop = CancellationTokenSource.CreateLinkedTokenSource(_life.Token);
        _pump = PumpAsync(after, _topics, _bot, _pumpStop.Token);
    }

    private async Task StopPumpAsync()
    {
        if (_pumpStop is null) return;
        await _pumpStop.CancelAsync();
        await _pump;
        _pumpStop.Dispose();
        _pumpStop = null;
    }

    /// <summary>Moves the subscribed events into the outbox, waiting for room at most <see cref="StallTimeout"/>.</summary>
    private async Task PumpAsync(long after, Topics topics, string? bot, CancellationToken cancel)
    {
        await Task.Yield(); // the caller goes on reading commands
        try
        {
            await foreach (var envelope in _exchange.ReadAsync(after, topics, bot, cancel))
            {
                if (!_outbox.Writer.TryWrite(envelope))
                {
                    using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    stall.CancelAfter(StallTimeout);
                    await _outbox.Writer.WriteAsync(envelope, stall.Token);
                }
                _lastQueued = envelope.Seq;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // unsubscribed, resubscribed or closing
        }
        catch (Exception e) when (e is TooSlowException or OperationCanceledException)
        {
            // trades overflowed the live queue, or the outbox stayed full: the client reads too slowly
            CloseNow(TooSlow, lastSent => $"too slow: resume after seq {lastSent}", DrainGrace);
        }
        catch (ResumeGoneException e)
        {
            await EndAsGoneAsync(e);
        }
        catch (AskTimeoutException)
        {
            CloseNow(Busy, lastSent => $"busy: resume after seq {lastSent}", DrainGrace);
        }
        catch (ChannelClosedException)
        {
            // closing
        }
    }

    private async Task EndAsGoneAsync(ResumeGoneException e)
    {
        await SendAsync(new SocketError("gone", e.Message));
        await CloseAfterQueueAsync(Gone, "gone: resync from a snapshot");
    }
}
