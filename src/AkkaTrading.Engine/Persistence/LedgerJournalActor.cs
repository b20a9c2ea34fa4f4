using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using AkkaTrading.Domain.Ledger;

namespace AkkaTrading.Engine.Persistence;

/// <summary>What the exchange and its ledger journal say to each other.</summary>
public static class LedgerJournal
{
    /// <summary>Makes <see cref="Events"/> durable; answered <see cref="Durable"/> with the same ticket once they are.</summary>
    public sealed record Write(long Ticket, IReadOnlyList<LedgerEvent> Events);
    public sealed record Durable(long Ticket);

    /// <summary>Saves a snapshot of the ledger as of the writes asked for so far, once they are durable.</summary>
    public sealed record Snapshot(LedgerSnapshot State);

    /// <summary>Recovery: the latest snapshot (if any), then the events after it in batches, then <see cref="Recovered"/>.</summary>
    public sealed record SnapshotRecovered(LedgerSnapshot State);
    public sealed record EventsRecovered(IReadOnlyList<LedgerEvent> Events);
    public sealed record Recovered(long JournalEvents);

    /// <summary>The store failed: on recovery (a record it cannot read, a database it cannot open) or on a write.</summary>
    public sealed record Failed(string Reason, Exception Cause);
}

/// <summary>
/// The ledger's journal: a persistent actor that writes the exchange's <see cref="LedgerEvent"/>s and snapshots and, on start,
/// reads them back for it. It holds no state of its own: the exchange folds what it reads (<see cref="Ledger"/>). Each write is
/// one <see cref="LedgerBatch"/> record; writes do not wait for each other (<c>PersistAsync</c>), so Akka.Persistence sends
/// those that arrive while one is under way to the database together.
/// </summary>
public sealed class LedgerJournalActor : ReceivePersistentActor
{
    public const string Id = "exchange-ledger";
    private const int RecoveryBatch = 4096;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _exchange;
    private List<LedgerEvent> _recovered = new(RecoveryBatch);
    private long _recoveredCount;
    private readonly bool _fromStart;
    private bool _unreadable;

    /// <param name="fromStart">read every event from the first, ignoring snapshots (<c>ledger export</c> and <c>verify</c>)</param>
    public LedgerJournalActor(IActorRef exchange, bool fromStart)
    {
        _exchange = exchange;
        _fromStart = fromStart;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is UnreadableLedgerRecord unreadable) Unreadable(unreadable);
            else _exchange.Tell(new LedgerJournal.SnapshotRecovered((LedgerSnapshot)offer.Snapshot));
        });
        Recover<LedgerBatch>(batch =>
        {
            if (_unreadable) return;
            foreach (var e in batch.Events)
            {
                _recovered.Add(e);
                _recoveredCount++;
                if (_recovered.Count == RecoveryBatch) SendRecovered();
            }
        });
        Recover<UnreadableLedgerRecord>(Unreadable);
        Recover<RecoveryCompleted>(_ =>
        {
            if (_unreadable)
            {
                Context.Stop(Self); // the exchange was told: it takes nothing more
                return;
            }
            SendRecovered();
            _exchange.Tell(new LedgerJournal.Recovered(_recoveredCount));
        });

        // one record per write: a row of the journal, however many orders it holds
        Command<LedgerJournal.Write>(write =>
            PersistAsync(new LedgerBatch([.. write.Events]), _ => _exchange.Tell(new LedgerJournal.Durable(write.Ticket))));
        Command<LedgerJournal.Snapshot>(snapshot =>
        {
            // The snapshot holds the events asked for so far. Once they are durable (deferred handlers run after those of the
            // writes before them, and before any later one's), the last sequence number is theirs: the snapshot is saved under it.
            DeferAsync(snapshot.State, state => SnapshotStore.Tell(new SaveSnapshot(
                new SnapshotMetadata(PersistenceId, LastSequenceNr, DateTime.UtcNow), state), Self));
        });
        Command<SaveSnapshotSuccess>(saved =>
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => _log.Warning("A snapshot of the ledger was not saved: {Reason}", failed.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => _log.Warning("Old ledger snapshots were not deleted: {Reason}", failed.Cause.Message));
    }

    public override string PersistenceId => Id;

    public override Recovery Recovery => _fromStart ? new Recovery(SnapshotSelectionCriteria.None) : base.Recovery;

    public static Props Props(IActorRef exchange, bool fromStart = false) =>
        Akka.Actor.Props.Create(() => new LedgerJournalActor(exchange, fromStart));

    /// <summary>Tells the exchange of the first record it cannot read; what follows it is not told at all.</summary>
    private void Unreadable(UnreadableLedgerRecord record)
    {
        if (_unreadable) return;
        _unreadable = true;
        _exchange.Tell(new LedgerJournal.Failed($"the ledger cannot be read: {record.Reason}", new SerializationException(record.Reason)));
    }

    private void SendRecovered()
    {
        if (_recovered.Count == 0) return;
        _exchange.Tell(new LedgerJournal.EventsRecovered(_recovered));
        _recovered = new List<LedgerEvent>(RecoveryBatch);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _exchange.Tell(new LedgerJournal.Failed($"the ledger cannot be read: {Innermost(reason).Message}", reason));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _exchange.Tell(new LedgerJournal.Failed($"the ledger cannot be written: {Innermost(cause).Message}", cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _exchange.Tell(new LedgerJournal.Failed($"the ledger refused an event: {Innermost(cause).Message}", cause));
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self); // no snapshot deferred behind the refused write may be saved
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
