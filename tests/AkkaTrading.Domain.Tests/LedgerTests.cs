using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Trading;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Domain.Tests;

public class LedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static Ledger.Ledger Fresh() => new(new ExchangeBook(["ALFA"], 5, 0m));

    /// <summary>A bot with 1000 buys 5 ALFA at 10 (client order id c-1), then has a sale of 9 refused.</summary>
    private static List<LedgerEvent> History()
    {
        var ledger = Fresh();
        var events = new List<LedgerEvent> { ledger.Open("bot", 1000m, 0, T0) };
        ledger.Book.RecordPrice("ALFA", 10m);
        var buy = ledger.Execute(new Order("bot", "ALFA", Side.Buy, 5), "c-1", 2, 1, T0);
        var sell = ledger.Execute(new Order("bot", "ALFA", Side.Sell, 9), "c-2", 3, 1, T0);
        events.AddRange([buy.Accepted, buy.Outcome, sell.Accepted, sell.Outcome]);
        return events;
    }

    [Fact]
    public void An_order_is_an_acceptance_and_its_outcome_under_one_sequence_number_and_the_fill_records_the_cash_after_it()
    {
        var events = History();
        Assert.Equal(["AccountOpened 0", "OrderAccepted 2", "OrderFilled 2", "OrderAccepted 3", "OrderRejected 3"],
            events.Select(e => $"{e.GetType().Name} {e.Seq}"));
        Assert.Equal(950m, ((OrderFilled)events[2]).CashAfter);
    }

    [Fact]
    public void Folding_a_history_restores_positions_average_prices_and_the_first_outcome_of_each_client_order_id()
    {
        var ledger = Fresh();
        foreach (var e in History()) ledger.Apply(e);
        var account = ledger.Book.AccountOf("bot")!;
        Assert.Equal((950m, 5m, 10m, 1L), (account.Cash, account.PositionIn("ALFA").Quantity, account.PositionIn("ALFA").AverageEntryPrice,
            account.TradeCount));
        Assert.True(ledger.ClientOrderIds.TryGet("bot", "c-1", out var first));
        Assert.Equal((2L, 5m), (first.Seq, first.Result.Fill!.Quantity));
        Assert.True(ledger.ClientOrderIds.TryGet("bot", "c-2", out var refused));
        Assert.Equal(RejectReason.InsufficientPosition, refused.Result.Rejection!.Reason);
        Assert.Equal((3L, 1L), (ledger.LastSeq, ledger.LastStep));
    }

    public static TheoryData<string, int, Func<LedgerEvent, LedgerEvent>, string> Tampered() => new()
    {
        { "cash after a fill that the fills do not give", 2, e => (OrderFilled)e with { CashAfter = 951m },
            "event 2 (fill of bot): records cash 951 after it, but the fills give 950" },
        { "a fill at another quantity than the order's", 2, e => (OrderFilled)e with { Fill = ((OrderFilled)e).Fill with { Quantity = 6 } },
            "event 2 (fill of bot): fills Buy 6 ALFA, not the order accepted" },
        { "a sale of more than is held", 4, e => new OrderFilled(3, T0, new Fill(1, "bot", "ALFA", Side.Sell, 9, 10m, 0m), "c-2", 1040m),
            "event 3 (fill of bot): the exchange would have refused it: InsufficientPosition" },
        { "an outcome without an acceptance", 3, e => new OrderFilled(3, T0, new Fill(1, "bot", "ALFA", Side.Sell, 1, 10m, 0m), null, 960m),
            "no order was accepted before it" },
        { "an account opened twice", 3, e => new AccountOpened(2, T0, "bot", 5m),
            "event 2 (account of bot opened): the account is open already" },
        { "a sequence number going back", 3, e => ((OrderAccepted)e) with { Seq = 1 },
            "event 1 (order of bot accepted): does not come after event 2" },
        { "a fill of more cash than the bot has", 2, e => (OrderFilled)e with { Fill = ((OrderFilled)e).Fill with { Price = 300m },
            CashAfter = -500m }, "leaves bot with cash -500" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void An_event_that_does_not_follow_from_the_ledger_is_named_with_its_sequence_number_and_what_is_wrong(string what, int index,
        Func<LedgerEvent, LedgerEvent> tamper, string message)
    {
        var events = History();
        events[index] = tamper(events[index]);
        if (what == "an outcome without an acceptance") events.RemoveAt(index);
        var ledger = Fresh();
        var failure = Assert.Throws<LedgerInconsistencyException>(() => { foreach (var e in events) ledger.Apply(e); });
        Assert.Contains(message, failure.Message);
    }

    [Fact]
    public void A_client_order_id_a_restarted_server_answered_anew_is_remembered_with_its_new_outcome()
    {
        var events = History();
        events.Add(events[1] with { Seq = 4 });
        events.Add(((OrderFilled)events[2]) with { Seq = 4, CashAfter = 900m });
        var ledger = Fresh();
        foreach (var e in events) ledger.Apply(e);
        Assert.True(ledger.ClientOrderIds.TryGet("bot", "c-1", out var latest));
        Assert.Equal(4, latest.Seq);
        Assert.Equal(900m, ledger.Book.AccountOf("bot")!.Cash);
    }

    [Fact]
    public void A_snapshot_keeps_the_newest_client_order_ids_of_all_bots_so_its_size_does_not_grow_with_them()
    {
        var ledger = new Ledger.Ledger(new ExchangeBook(["ALFA"], 5, 0m));
        ledger.Open("a", 1m, 0, T0);
        ledger.Open("b", 1m, 0, T0);
        for (var i = 1; i <= LedgerSnapshot.RememberedKept + 10; i++)
            ledger.Execute(new Order(i % 2 == 0 ? "a" : "b", "ALFA", Side.Buy, 1), $"id-{i}", i, 0, T0); // no price: rejected

        var kept = LedgerSnapshot.Of(ledger, [], recentComplete: true).Remembered;

        Assert.Equal(LedgerSnapshot.RememberedKept, kept.Length);
        Assert.Equal(Enumerable.Range(11, LedgerSnapshot.RememberedKept).Select(i => (long)i), kept.Select(r => r.Seq));
    }
}
