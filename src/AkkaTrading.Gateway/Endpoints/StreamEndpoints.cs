using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>Events pushed or held: long polling (<c>/events</c>) and Server-Sent Events (<c>/stream</c>), both resumed by seq.</summary>
public static class StreamEndpoints
{
    public static readonly TimeSpan MaxPollTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public const int MaxEventsPerPoll = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", async (long? after, string? topics, double? timeout, HttpRequest request, Callers callers,
            ExchangeClient exchange,
            CancellationToken cancel) =>
        {
            var bot = callers.Reader(request);
            var wanted = Topics(topics, bot);
            if (after is < 0) throw new BadRequestException("after", "must be a sequence number ≥ 0");
            if (timeout is { } t && !(t >= 0 && t <= MaxPollTimeout.TotalSeconds)) throw new BadRequestException("timeout",
                $"must be 0 to {MaxPollTimeout.TotalSeconds} seconds");
            var events = await PollAsync(exchange, after ?? exchange.Hub.LastSeq, wanted, bot, TimeSpan.FromSeconds(timeout ?? 25), cancel);
            return events.Count == 0 ? Results.NoContent() : Results.Ok(new { events, next = events[^1].Seq });
        });

        api.MapGet("/stream", async (long? after, string? topics, HttpRequest request, Callers callers, ExchangeClient exchange,
            CancellationToken cancel) =>
        {
            var bot = callers.Reader(request);
            var wanted = Topics(topics, bot);
            if (after is < 0) throw new BadRequestException("after", "must be a sequence number ≥ 0");
            var resume = long.TryParse(request.Headers["Last-Event-ID"].ToString(), out var lastId)
                ? lastId >= 0 ? lastId : throw new BadRequestException("Last-Event-ID", "must be a sequence number ≥ 0")
                : after
                ?? exchange.Hub.LastSeq;
            var first = await exchange.EventsAsync(resume, 0, cancel);
            if (first.Gone) throw new ResumeGoneException(resume, first);
            return new EventStreamResult(exchange.ReadAsync(resume, wanted, bot, cancel), Heartbeat);
        });
    }

    /// <summary>The topics asked for; <c>fills</c> needs a token.</summary>
    internal static Topics Topics(string? names, string? bot)
    {
        var topics = TopicNames.Parse([names], bot is null ? Wire.Topics.Prices | Wire.Topics.Trades : Wire.Topics.All);
        if (topics.HasFlag(Wire.Topics.Fills) && bot is null) throw new UnauthorizedException();
        return topics;
    }

    /// <summary>
    /// The events after <paramref name="after"/> as soon as there is one: those already there at once (up to a page), else the first
    /// to come (with any that follow it immediately), or none at the timeout.
    /// </summary>
    private static async Task<List<Envelope>> PollAsync(ExchangeClient exchange, long after, Topics topics, string? bot, TimeSpan timeout,
        CancellationToken cancel)
    {
        // what is already there is answered whatever the timeout, and a cursor older than the log is gone, not a timeout
        var page = await exchange.EventsAsync(after, MaxEventsPerPoll, cancel);
        if (page.Gone) throw new ResumeGoneException(after, page);
        var events = page.Events.Select(e => TopicNames.View(e, topics, bot)).OfType<Envelope>().ToList();
        if (events.Count > 0 || timeout == TimeSpan.Zero) return events;
        if (page.Events.Count > 0) after = page.Events[^1].Seq;

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        wait.CancelAfter(timeout);
        await using var reader = exchange.ReadAsync(after, topics, bot, wait.Token).GetAsyncEnumerator(wait.Token);
        try
        {
            var next = reader.MoveNextAsync().AsTask();
            while (events.Count < MaxEventsPerPoll && (events.Count == 0 || next.IsCompleted) && await next)
            {
                events.Add(reader.Current.Envelope);
                next = reader.MoveNextAsync().AsTask();
            }
            wait.Cancel(); // the read still pending is not needed
            await next.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // the timeout: answer with what there is
        }
        return events;
    }
}
