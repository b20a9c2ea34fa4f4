using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Ledger;

/// <summary>What the ledger writes down (its events and its snapshots): one serializer is bound to this interface, with a
/// stable, versioned format.</summary>
public interface ILedgerRecord;

/// <summary>
/// The exchange's durable history: accounts opened, orders accepted and what became of each. The accounts are the fold of
/// these events (<see cref="Ledger.Apply"/>). <see cref="Seq"/> is the sequence number clients know the event by: an order's
/// acceptance and its outcome share the order's number, an account opened carries the number of the event before it.
/// </summary>
public abstract record LedgerEvent(long Seq, DateTimeOffset Time) : ILedgerRecord
{
    /// <summary>An account opened; <see cref="TokenHash"/> is the SHA-256 of the token of a bot that registered while the server ran
    /// (the token itself is never written).</summary>
    public sealed record AccountOpened(long Seq, DateTimeOffset Time, string Bot, decimal InitialCash, string? TokenHash = null)
        : LedgerEvent(Seq, Time);

    /// <summary>An order the exchange took on, before it was checked; its outcome follows with the same number.</summary>
    public sealed record OrderAccepted(long Seq, DateTimeOffset Time, Order Order, string? ClientOrderId) : LedgerEvent(Seq, Time);

    /// <summary>The fill of the order accepted before it, with the bot's cash after it (so a reader can check the arithmetic).</summary>
    public sealed record OrderFilled(long Seq, DateTimeOffset Time, Fill Fill, string? ClientOrderId, decimal CashAfter)
        : LedgerEvent(Seq, Time);

    public sealed record OrderRejected(long Seq, DateTimeOffset Time, Rejection Rejection, string? ClientOrderId)
        : LedgerEvent(Seq, Time);

    /// <summary>
    /// The exchange may stamp events (prices too, which are not kept) up to <see cref="LedgerEvent.Seq"/>: after a restart it
    /// numbers on from there, so no client holds a number that is given out again.
    /// </summary>
    public sealed record SeqReserved(long Seq, DateTimeOffset Time) : LedgerEvent(Seq, Time);
}

/// <summary>Events written together (the orders that arrived while the write before was under way): one record of the journal, so
/// that a write costs one row however many orders it holds. They are read back one by one.</summary>
public sealed record LedgerBatch(System.Collections.Immutable.ImmutableArray<LedgerEvent> Events) : ILedgerRecord;

/// <summary>An event that does not follow from the ledger before it: the first place where money is not conserved, or the
/// history is out of order.</summary>
public sealed class LedgerInconsistencyException(LedgerEvent at, string problem)
    : Exception($"event {at.Seq} ({Describe(at)}): {problem}")
{
    public LedgerEvent At { get; } = at;

    public static string Describe(LedgerEvent e) => e switch
    {
        LedgerEvent.AccountOpened o => $"account of {o.Bot} opened",
        LedgerEvent.OrderAccepted a => $"order of {a.Order.Bot} accepted",
        LedgerEvent.OrderFilled f => $"fill of {f.Fill.Bot}",
        LedgerEvent.OrderRejected r => $"rejection of {r.Rejection.Order.Bot}",
        _ => "sequence numbers reserved",
    };
}
