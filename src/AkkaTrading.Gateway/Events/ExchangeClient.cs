using System.Runtime.CompilerServices;
using Akka.Actor;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Gateway.Wire;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Server;

namespace AkkaTrading.Gateway.Events;

/// <summary>The gateway's one way to the exchange actor: questions by Ask, events resumed from a seq.</summary>
public sealed class ExchangeClient(IActorRef exchange, EventHub hub, IReadOnlyList<string> assets)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public const int PageSize = 1000;

    public IReadOnlyList<string> Assets { get; } = assets;
    public EventHub Hub { get; } = hub;

    public Task<OrderOutcome> SubmitAsync(Order order, string? clientOrderId, CancellationToken cancel) =>
        exchange.Ask<OrderOutcome>(new SubmitOrder(order, clientOrderId), Timeout, cancel);

    public Task<AccountOpened> OpenAccountAsync(string bot, decimal initialCash, string? tokenHash, CancellationToken cancel) =>
        exchange.Ask<AccountOpened>(new OpenAccount(bot, initialCash, tokenHash), Timeout, cancel);

    /// <summary>The token hashes of the bots that registered while the server ran, by bot (the ledger keeps them).</summary>
    public async Task<IReadOnlyDictionary<string, string>> RegisteredTokensAsync(CancellationToken cancel) =>
        (await exchange.Ask<RegisteredTokens>(new GetRegisteredTokens(), Timeout, cancel)).HashByBot;

    public Task<AccountState> AccountAsync(string bot, CancellationToken cancel)
        => exchange.Ask<AccountState>(new GetAccount(bot), Timeout, cancel);

    public Task<PriceHistory> HistoryAsync(string asset, int count, CancellationToken cancel) =>
        exchange.Ask<PriceHistory>(new GetHistory(asset, count), Timeout, cancel);

    public Task<EventPage> EventsAsync(long after, int max, CancellationToken cancel)
        => exchange.Ask<EventPage>(new GetEvents(after, max), Timeout, cancel);

    public Task<Snapshot> SnapshotAsync(CancellationToken cancel) => exchange.Ask<Snapshot>(GetSnapshot.Instance, Timeout, cancel);

    /// <summary>
    /// The events <paramref name="bot"/> may see after <paramref name="after"/>, first from the exchange's log and then live, with no
    /// gap and no duplicate. Ends with <see cref="ResumeGoneException"/> when <paramref name="after"/> is older than the log, and with
    /// <see cref="TooSlowException"/> when the client fell too far behind.
    /// </summary>
    /// <remarks>Live events come as the views shared by every connection, their JSON built once for all.</remarks>
    public async IAsyncEnumerable<WireEvent> ReadAsync(long after, Topics topics, string? bot,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        // first, so nothing published while the log is read is missed; only what the client sees, so others' trades cannot overflow it
        using var live = Hub.Subscribe(e => TopicNames.Sees(e, topics, bot));
        var last = after;
        while (true)
        {
            var page = await EventsAsync(last, PageSize, cancel);
            if (page.Gone) throw new ResumeGoneException(after, page);
            foreach (var e in page.Events)
            {
                last = e.Seq;
                if (TopicNames.View(e, topics, bot) is { } envelope) yield return new WireEvent(envelope);
            }
            if (page.Events.Count < PageSize) break;
        }
        while (await live.NextAsync(cancel) is { } e)
        {
            if (e.Event.Seq <= last) continue;
            last = e.Event.Seq;
            if (e.For(topics, bot) is { } view) yield return view;
        }
        throw new TooSlowException(last);
    }
}

/// <summary>A resume point older than the kept log, or newer than its last event (from before the server restarted): the client
/// must resync from a snapshot.</summary>
public sealed class ResumeGoneException(long after, EventPage page) : Exception(after > page.LastSeq
    ? $"gone: seq {after} is ahead of the newest event {page.LastSeq} (the server restarted since); resync from a snapshot"
    : $"gone: events after {after} are no longer kept (the oldest kept is {page.OldestSeq}); resync from a snapshot")
{
    public long Oldest { get; } = page.OldestSeq;
}

/// <summary>The client did not keep up with the events; it may resume after <see cref="LastSeq"/>.</summary>
public sealed class TooSlowException(long lastSeq) : Exception($"too slow: the connection fell behind; resume after seq {lastSeq}")
{
    public long LastSeq { get; } = lastSeq;
}
