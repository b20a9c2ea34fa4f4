using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Trading;
using CsCheck;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Domain.Tests;

/// <summary>
/// Random order streams executed live on a <see cref="Ledger"/>: folding the events they wrote into a fresh ledger, whole or from
/// a snapshot taken anywhere, gives the same accounts, positions, average entry prices, trade counts and client order ids.
/// </summary>
public class LedgerProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Bots = ["a", "b", "ghost"]; // "ghost" has no account
    private static readonly string[] Assets = ["ALFA", "BETA"];

    private abstract record Op;
    private sealed record Price(string Asset, decimal Value) : Op;
    private sealed record Submit(Order Order, string? ClientOrderId) : Op;
    private sealed record Open(string Bot, decimal Cash) : Op;

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (3, Gen.Select(Pick(Assets), Gen.Int[1, 20_000], (a, c) => (Op)new Price(a, c / 100m))),
        (7, Gen.Select(Pick(Bots), Pick(Assets), Pick(Side.Buy, Side.Sell), Pick(1m, 2m, 5m, 40m, 0m, 2.5m),
            Gen.Int[0, 12].Select(i => i < 4 ? null : $"id-{i}"),
            (b, a, s, q, id) => (Op)new Submit(new Order(b, a, s, q), id))),
        (1, Gen.Select(Pick("c", "d", "a"), Gen.Int[0, 100_000], (b, c) => (Op)new Open(b, c / 10m))));

    private static readonly Gen<(decimal Fee, Op[] Ops, int SnapshotAt)> Streams =
        Gen.Select(Pick(0m, 0.25m, 1m), OpGen.Array[0, 120], Gen.Int[0, 120]);

    [Fact]
    public void Folding_the_events_of_a_live_run_gives_the_state_the_run_ended_with_from_the_start_or_from_any_snapshot() =>
        Streams.Sample(s => Check(s.Fee, s.Ops, s.SnapshotAt), iter: 1_000);

    private static void Check(decimal fee, Op[] ops, int snapshotAt)
    {
        var live = new Ledger.Ledger(new ExchangeBook(Assets, 5, fee), new ClientOrderIds(perBot: 3));
        var plain = new ExchangeBook(Assets, 5, fee); // the replay path: the same rules without a ledger
        var events = new List<LedgerEvent> { live.Open("a", 1000m, 0, T0), live.Open("b", 50m, 0, T0) };
        plain.OpenAccount("a", 1000m);
        plain.OpenAccount("b", 50m);
        LedgerSnapshot? snapshot = null;
        var eventsAtSnapshot = 0;
        long seq = 0, step = 0;
        for (var i = 0; i < ops.Length; i++)
        {
            if (i == snapshotAt) (snapshot, eventsAtSnapshot) = (LedgerSnapshot.Of(live, [], recentComplete: true), events.Count);
            switch (ops[i])
            {
                case Price p:
                    live.Book.RecordPrice(p.Asset, p.Value);
                    plain.RecordPrice(p.Asset, p.Value);
                    seq++;
                    step++;
                    break;
                case Open o when live.Book.AccountOf(o.Bot) is null:
                    events.Add(live.Open(o.Bot, o.Cash, seq, T0, tokenHash: o.Bot == "c" ? "C0FFEE" : null));
                    plain.OpenAccount(o.Bot, o.Cash);
                    break;
                case Submit s when s.ClientOrderId is null || !live.ClientOrderIds.TryGet(s.Order.Bot, s.ClientOrderId, out _):
                    var (result, accepted, outcome) = live.Execute(s.Order, s.ClientOrderId, ++seq, step, T0.AddSeconds(seq));
                    events.Add(accepted);
                    events.Add(outcome);
                    Assert.Equal(plain.Submit(s.Order, step), result);
                    break;
            }
        }
        if (seq % 7 == 0) events.Add(live.Reserve(seq + 100, T0));

        var folded = new Ledger.Ledger(new ExchangeBook(Assets, 5, fee), new ClientOrderIds(perBot: 3));
        foreach (var e in events) folded.Apply(e);
        AssertSame(live, folded);
        Assert.Equal(State(plain), State(folded.Book));

        if (snapshot is null) return;
        var resumed = snapshot.Restore(new ExchangeBook(Assets, 5, fee), new ClientOrderIds(perBot: 3));
        foreach (var e in events.Skip(eventsAtSnapshot)) resumed.Apply(e);
        AssertSame(live, resumed);
    }

    private static void AssertSame(Ledger.Ledger expected, Ledger.Ledger actual)
    {
        Assert.Equal(State(expected.Book), State(actual.Book));
        // bot by bot (a snapshot restores them in sequence order), each bot's oldest first
        Assert.Equal(expected.ClientOrderIds.Entries().OrderBy(e => e.Bot, StringComparer.Ordinal),
            actual.ClientOrderIds.Entries().OrderBy(e => e.Bot, StringComparer.Ordinal));
        Assert.Equal((expected.LastSeq, expected.ReservedSeq, expected.LastStep), (actual.LastSeq, actual.ReservedSeq, actual.LastStep));
        Assert.Equal(expected.TokenHashes.OrderBy(t => t.Key), actual.TokenHashes.OrderBy(t => t.Key));
        Assert.Equal(expected.LastBuys.OrderBy(b => b.Key.ToString()), actual.LastBuys.OrderBy(b => b.Key.ToString()));
    }

    private static string State(ExchangeBook book) => string.Join("; ", book.Accounts.Select(a =>
        $"{a.Bot} {a.InitialCash} {a.Cash} {a.FeesPaid} {a.TradeCount} " +
        string.Join(",", a.Positions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))));
}
