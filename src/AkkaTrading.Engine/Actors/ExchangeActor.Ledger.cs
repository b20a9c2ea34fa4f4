using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Engine.Persistence;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Engine.Actors;

/// <summary>How a server's exchange keeps its ledger.</summary>
/// <param name="Journal">starts the journal the ledger is written to, given the exchange; none: the ledger lives in memory only</param>
/// <param name="Health">told when the ledger is recovered, or when its store fails</param>
public sealed record ServerLedger(Func<IActorRef, Props>? Journal, int SnapshotEvery, LedgerHealth Health)
{
    /// <summary>A ledger in memory only.</summary>
    public static ServerLedger InMemory() => new(null, int.MaxValue, new LedgerHealth());

    /// <summary>A ledger written to the configured journal (<see cref="LedgerJournalActor"/>).</summary>
    public static ServerLedger Persistent(int snapshotEvery, LedgerHealth? health = null) =>
        new(exchange => LedgerJournalActor.Props(exchange), snapshotEvery, health ?? new LedgerHealth());
}

/// <summary>Whether a server's ledger came back, and whether its store failed since.</summary>
public sealed class LedgerHealth
{
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the exchange has its ledger back and takes orders; faults with a <see cref="LedgerStoreException"/>
    /// when the ledger cannot be read.</summary>
    public Task Recovered => _recovered.Task;

    /// <summary>Completes, with the reason, when the store fails: the server can no longer make anything durable.</summary>
    public Task<string> Failed => _failed.Task;

    public void OnRecovered() => _recovered.TrySetResult();

    public void OnFailed(string reason, Exception cause)
    {
        _recovered.TrySetException(new LedgerStoreException(reason, cause));
        _failed.TrySetResult(reason);
    }
}

/// <summary>
/// The exchange of a server: its accounts are a <see cref="Ledger"/> written to a journal ahead of every answer. An order's
/// events are handed to the journal at once; its fill or rejection is answered, logged, published and stamped into the event log
/// only when they are durable — and so is everything after it (prices too), so that clients see events in sequence order.
/// </summary>
public sealed partial class ExchangeActor
{
    /// <summary>Sequence numbers reserved at a time: a restart numbers on after them.</summary>
    public const int SeqsReservedAhead = 10_000;

    /// <summary>The most fills and rejections a snapshot keeps for clients resuming after a restart.</summary>
    public const int RecentOutcomesKept = 2_000;

    private readonly ServerLedger? _ledgerOptions;
    private readonly IReadOnlyList<BotAccount> _configuredBots;
    private readonly IActorRef? _journal;
    private readonly Queue<LedgerEvent>? _recentOutcomes;
    private readonly Queue<(long Ticket, Action Release)> _pending = new();
    private readonly List<LedgerEvent> _unwritten = new();
    private Ledger? _ledger;
    private long _lastStamped, _issued, _durable;
    private int _sinceSnapshot;
    private bool _restoredComplete = true, _recentDropped;

    public IStash Stash { get; set; } = null!;

    private long NextSeq()
    {
        var seq = ++_lastStamped;
        if (_journal is not null && seq > _ledger!.ReservedSeq) Write([_ledger.Reserve(seq + SeqsReservedAhead, _clock.GetUtcNow())]);
        return seq;
    }

    /// <summary>
    /// Adds events to the next write (nothing without a journal). The write goes to the journal once the messages already waiting
    /// have been handled (<see cref="FlushWrites"/>), so the orders that arrive together are made durable together.
    /// </summary>
    private void Write(IReadOnlyList<LedgerEvent> events)
    {
        if (_journal is null) return;
        if (_unwritten.Count == 0)
        {
            _issued++;
            Self.Tell(FlushWrites.Instance);
        }
        _unwritten.AddRange(events);
    }

    /// <summary>Sends the events gathered since the last write as one write, then a snapshot when it is due.</summary>
    private void Flush()
    {
        if (_unwritten.Count == 0) return;
        _journal!.Tell(new LedgerJournal.Write(_issued, [.. _unwritten]));
        _sinceSnapshot += _unwritten.Count;
        _unwritten.Clear();
        if (_sinceSnapshot < _ledgerOptions!.SnapshotEvery) return;
        _sinceSnapshot = 0;
        _journal.Tell(new LedgerJournal.Snapshot(LedgerSnapshot.Of(_ledger!, _recentOutcomes!, !_recentDropped)));
    }

    private sealed class FlushWrites
    {
        public static readonly FlushWrites Instance = new();
    }

    /// <summary>Runs <paramref name="release"/> once everything handed to the journal so far is durable (at once when it is).</summary>
    private void AfterWrites(Action release)
    {
        if (_pending.Count == 0 && _durable == _issued) release();
        else _pending.Enqueue((_issued, release));
    }

    /// <summary>Answers the sender what is true now, once it is durable.</summary>
    private void AnswerAfterWrites(object answer)
    {
        var sender = Sender;
        AfterWrites(() => sender.Tell(answer));
    }

    private void OnDurable(LedgerJournal.Durable durable)
    {
        _durable = durable.Ticket;
        while (_pending.TryPeek(out var next) && next.Ticket <= _durable)
        {
            _pending.Dequeue();
            next.Release();
        }
    }

    private void OnStoreFailed(LedgerJournal.Failed failed)
    {
        _log.Error("{Reason}: the exchange answers nothing more", failed.Reason);
        _pending.Clear();
        _ledgerOptions?.Health.OnFailed(failed.Reason, failed.Cause);
        Become(() => ReceiveAny(_ => { }));
    }

    /// <summary>Stamps an event into the event log and publishes it for the clients.</summary>
    private void Publish(ExchangeEvent stamped)
    {
        _events!.Append(stamped);
        _bus.Publish(stamped);
    }

    private void KeepRecent(LedgerEvent outcome)
    {
        _recentOutcomes!.Enqueue(outcome);
        if (_recentOutcomes.Count <= Math.Min(RecentOutcomesKept, _events!.Capacity)) return;
        _recentOutcomes.Dequeue();
        _recentDropped = true;
    }

    private void OpenAccountNow(string bot, decimal initialCash, string? tokenHash = null)
    {
        if (_ledger is null) _book.OpenAccount(bot, initialCash);
        else Write([_ledger.Open(bot, initialCash, _lastStamped, _clock.GetUtcNow(), tokenHash)]);
    }

    /// <summary>Opens the accounts of configured bots the ledger does not have yet; the others keep their ledger's.</summary>
    private void OpenConfiguredAccounts()
    {
        foreach (var bot in _configuredBots)
        {
            var account = _book.Accounts.FirstOrDefault(a => string.Equals(a.Bot, bot.Name, StringComparison.OrdinalIgnoreCase));
            if (account is null) OpenAccountNow(bot.Name, bot.InitialCash);
            else if (account.InitialCash != bot.InitialCash)
                _log.Warning("{Bot} keeps the account its ledger holds (initial cash {Kept}); the configured {Configured} applies only " +
                    "to a new ledger", bot.Name, account.InitialCash, bot.InitialCash);
        }
    }

    /// <summary>Folds what the journal reads back, holding every other message until it is done.</summary>
    private void Recovering()
    {
        Receive<LedgerJournal.SnapshotRecovered>(snapshot => Recover(() =>
        {
            _ledger = snapshot.State.Restore(_book, _clientOrderIds);
            _restoredComplete = snapshot.State.RecentComplete;
            _recentDropped = !snapshot.State.RecentComplete;
            foreach (var outcome in snapshot.State.Recent) Restore(outcome);
        }));
        Receive<LedgerJournal.EventsRecovered>(batch => Recover(() =>
        {
            foreach (var e in batch.Events)
            {
                _ledger!.Apply(e);
                if (e is OrderFilled or OrderRejected) Restore(e);
            }
        }));
        Receive<LedgerJournal.Recovered>(done => Recover(() =>
        {
            var ledger = _ledger!;
            RequireConfiguredNamesAsInLedger();
            _lastStamped = Math.Max(ledger.LastSeq, ledger.ReservedSeq);
            _events!.ContinueAfter(_lastStamped);
            _step = ledger.LastStep;
            _sinceSnapshot = (int)Math.Min(done.JournalEvents, int.MaxValue); // the events since the latest snapshot count on
            _log.Info("Ledger recovered: {Accounts} accounts, {Events} events read after the latest snapshot; numbering on from {Seq}",
                _book.Accounts.Count, done.JournalEvents, _lastStamped + 1);
            Become(Ready);
            PublishRecoveredPositions();
            OpenConfiguredAccounts();
            Stash.UnstashAll();
            _ledgerOptions!.Health.OnRecovered();
        }));
        Receive<LedgerJournal.Failed>(OnStoreFailed);
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>Folds a part of what the journal read; anything that does not fit fails the start, with nothing served.</summary>
    private void Recover(Action fold)
    {
        try
        {
            fold();
        }
        catch (Exception e)
        {
            var reason = e is LedgerInconsistencyException
                ? $"the ledger is inconsistent at {e.Message}"
                : $"the ledger cannot be recovered: {e.Message}";
            OnStoreFailed(new LedgerJournal.Failed(reason, e));
        }
    }

    private void PublishRecoveredPositions()
    {
        foreach (var account in _book.Accounts.Where(a => a.Positions.Count > 0))
            _bus.Publish(new Protocol.Market.PositionsRecovered(account.Bot, [.. account.Positions
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => (p.Key, p.Value, LastBuy(account.Bot, p.Key)))]));
    }

    private decimal? LastBuy(string bot, string asset) => _ledger!.LastBuys.TryGetValue((bot, asset), out var price) ? price : null;

    /// <summary>A configured bot whose name the ledger holds in another case would be a stranger to its own account.</summary>
    private void RequireConfiguredNamesAsInLedger()
    {
        foreach (var bot in _configuredBots)
            if (_book.Accounts.FirstOrDefault(a => string.Equals(a.Bot, bot.Name, StringComparison.OrdinalIgnoreCase)) is { } account
                && account.Bot != bot.Name)
                throw new InvalidOperationException($"the configuration names the bot '{bot.Name}', whose account the ledger holds as " +
                    $"'{account.Bot}' (names that differ only in case are one name): name it '{account.Bot}' again");
    }

    /// <summary>Puts a recovered fill or rejection back where clients and the dashboard find it.</summary>
    private void Restore(LedgerEvent outcome)
    {
        var data = outcome switch
        {
            OrderFilled f => (EventData)new TradeData(f.Fill, f.ClientOrderId),
            OrderRejected r => new RejectionData(r.Rejection, r.ClientOrderId),
            _ => throw new ArgumentException($"not an outcome: {outcome}", nameof(outcome)),
        };
        _events!.Restore(new ExchangeEvent(outcome.Seq, outcome.Time, data), _restoredComplete);
        _restoredComplete = true;
        KeepRecent(outcome);
        if (outcome is OrderFilled filled) RememberTrade(filled.Fill);
    }
}
