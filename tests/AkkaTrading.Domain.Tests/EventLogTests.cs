using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public sealed class EventLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static EventLog LogOf(int capacity, int events)
    {
        var log = new EventLog(capacity);
        for (var i = 1; i <= events; i++) log.Append(T0.AddSeconds(i), new PriceData("ALFA", i));
        return log;
    }

    [Fact]
    public void Sequence_numbers_start_at_one_and_have_no_gaps()
    {
        var log = LogOf(10, 3);
        Assert.Equal([1L, 2L, 3L], log.After(0, 100).Events.Select(e => e.Seq));
        Assert.Equal(3, log.LastSeq);
        Assert.Equal(T0.AddSeconds(2), log.After(1, 1).Events.Single().Time);
    }

    [Fact]
    public void A_page_holds_at_most_max_events_after_the_cursor()
    {
        var log = LogOf(10, 8);
        Assert.Equal([4L, 5L], log.After(3, 2).Events.Select(e => e.Seq));
        Assert.Empty(log.After(8, 10).Events);
        Assert.False(log.After(8, 10).Gone);
    }

    [Fact]
    public void A_cursor_older_than_the_kept_events_is_gone_and_the_oldest_kept_one_is_not()
    {
        var log = LogOf(5, 12); // keeps 8..12
        Assert.Equal(8, log.OldestSeq);
        Assert.True(log.After(6, 10).Gone);
        Assert.Equal([8L, 9L, 10L, 11L, 12L], log.After(7, 10).Events.Select(e => e.Seq));
    }

    [Fact]
    public void A_cursor_the_log_has_not_reached_is_gone_as_one_from_before_a_restart()
    {
        var log = LogOf(5, 3);
        Assert.False(log.After(3, 10).Gone);
        Assert.True(log.After(4, 10).Gone);
        Assert.True(new EventLog(5).After(1, 10).Gone);
        Assert.False(new EventLog(5).After(0, 10).Gone);
    }

    [Fact]
    public void A_rejection_is_private_to_its_bot_and_prices_and_trades_are_public()
    {
        var order = new Order("alice", "ALFA", Side.Buy, 5);
        Assert.Equal("alice", new ExchangeEvent(1, T0,
            new RejectionData(new Rejection(1, order, RejectReason.InsufficientCash), "a-1")).Owner);
        Assert.Null(new ExchangeEvent(2, T0, new TradeData(new Fill(1, "alice", "ALFA", Side.Buy, 5, 10m, 0m), null)).Owner);
        Assert.Null(new ExchangeEvent(3, T0, new PriceData("ALFA", 10m)).Owner);
    }

    [Fact]
    public void A_restarted_log_serves_the_restored_trades_and_numbers_on_after_the_reserved_sequence_number()
    {
        var log = new EventLog(10);
        var fill = new Fill(1, "alice", "ALFA", Side.Buy, 5, 10m, 0m);
        log.Restore(new ExchangeEvent(7, T0, new TradeData(fill, "a-1")), complete: false);
        log.Restore(new ExchangeEvent(12, T0, new TradeData(fill, "a-2")), complete: true);
        log.ContinueAfter(20);
        var price = log.Append(T0, new PriceData("ALFA", 11m));

        Assert.Equal(21, price.Seq);
        Assert.Equal([12L, 21L], log.After(8, 10).Events.Select(e => e.Seq));   // prices 8..20 were not kept; the trade was
        Assert.Equal([7L, 12L, 21L], log.After(6, 10).Events.Select(e => e.Seq));
        Assert.True(log.After(5, 10).Gone);                                    // what came before 7 is not known
        Assert.False(log.After(20, 10).Gone);
        Assert.Equal(7, log.OldestSeq);
    }

    [Fact]
    public void A_log_with_gaps_forgets_its_oldest_events_as_it_wraps()
    {
        var log = new EventLog(2);
        log.Restore(new ExchangeEvent(3, T0, new PriceData("ALFA", 1m)), complete: true);
        log.Restore(new ExchangeEvent(9, T0, new PriceData("ALFA", 2m)), complete: true);
        log.Append(T0, new PriceData("ALFA", 3m));
        Assert.True(log.After(2, 10).Gone);
        Assert.Equal([9L, 10L], log.After(3, 10).Events.Select(e => e.Seq));
        Assert.Throws<ArgumentException>(() => log.Restore(new ExchangeEvent(10, T0, new PriceData("ALFA", 4m)), complete: true));
    }
}
