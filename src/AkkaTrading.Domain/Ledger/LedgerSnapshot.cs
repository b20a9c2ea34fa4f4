using System.Collections.Immutable;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Ledger;

/// <summary>An account as a snapshot keeps it, with the price of its last buy of each asset and, for a bot that registered while a
/// server ran, its token hash.</summary>
public sealed record AccountSnapshot(string Bot, decimal InitialCash, decimal Cash, decimal FeesPaid, long TradeCount,
    ImmutableArray<(string Asset, Position Position)> Positions, string? TokenHash = null,
    ImmutableArray<(string Asset, decimal Price)> LastBuys = default)
{
    public ImmutableArray<(string Asset, decimal Price)> LastBuys { get; init; } = LastBuys.IsDefault ? [] : LastBuys;
}

/// <summary>The outcome a client order id is answered with.</summary>
public sealed record RememberedOrder(string Bot, string ClientOrderId, long Seq, OrderResult Result);

/// <summary>
/// The <see cref="Ledger"/> at one event, so that a restart need not fold the whole journal. <see cref="Recent"/> are the last
/// fills and rejections clients may still resume from; <see cref="RecentComplete"/> when they are all there ever were.
/// </summary>
public sealed record LedgerSnapshot(long LastSeq, long ReservedSeq, long LastStep, ImmutableArray<AccountSnapshot> Accounts,
    ImmutableArray<RememberedOrder> Remembered, ImmutableArray<LedgerEvent> Recent, bool RecentComplete) : ILedgerRecord
{
    /// <summary>The most client order ids a snapshot keeps, the newest of all bots': a restart remembers them and every id of the
    /// events after the snapshot. (A server remembers up to <see cref="ClientOrderIds.DefaultPerBot"/> per bot while it runs;
    /// keeping them all in every snapshot would make snapshots grow with the number of bots.)</summary>
    public const int RememberedKept = 5_000;

    public static LedgerSnapshot Of(Ledger ledger, IEnumerable<LedgerEvent> recent, bool recentComplete) => new(
        ledger.LastSeq, ledger.ReservedSeq, ledger.LastStep,
        [.. ledger.Book.Accounts.Select(a => new AccountSnapshot(a.Bot, a.InitialCash, a.Cash, a.FeesPaid, a.TradeCount,
            [.. a.Positions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))],
            ledger.TokenHashes.GetValueOrDefault(a.Bot),
            [.. ledger.LastBuys.Where(b => b.Key.Bot == a.Bot).OrderBy(b => b.Key.Asset, StringComparer.Ordinal)
                .Select(b => (b.Key.Asset, b.Value))]))],
        [.. ledger.ClientOrderIds.Entries().OrderByDescending(e => e.Seq).Take(RememberedKept).OrderBy(e => e.Seq)
            .Select(e => new RememberedOrder(e.Bot, e.ClientOrderId, e.Seq, e.Result))],
        [.. recent], recentComplete);

    /// <summary>Puts this snapshot into a fresh ledger over <paramref name="book"/> (which has no accounts yet).</summary>
    public Ledger Restore(ExchangeBook book, ClientOrderIds? clientOrderIds = null)
    {
        var ledger = new Ledger(book, clientOrderIds);
        foreach (var a in Accounts) book.OpenAccount(a.Bot, a.InitialCash).Restore(a.Cash, a.FeesPaid, a.TradeCount, a.Positions);
        foreach (var r in Remembered) ledger.ClientOrderIds.Remember(r.Bot, r.ClientOrderId, r.Result, r.Seq);
        ledger.Resume(LastSeq, ReservedSeq, LastStep, Accounts);
        return ledger;
    }
}
