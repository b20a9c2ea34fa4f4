using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Persistence;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Domain.Ledger.LedgerEvent;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Server;

namespace AkkaTrading.Engine.Tests.Persistence;

/// <summary>
/// A server's exchange with its ledger journal (Akka.Persistence's in-memory journal and snapshot store here; the SQL stores run
/// in the end-to-end tests): recovery of accounts, client order ids and sequence numbers, snapshots, and answers only after the
/// events are durable.
/// </summary>
public sealed class ExchangeLedgerTests() : TestKit(ConfigurationFactory.ParseString("""
    akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
    akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
    """).WithFallback(ConfigurationFactory.ParseString(LedgerSerializer.Hocon)))
{
    private static readonly BotAccount Alice = new("alice", 1000m, ["ALFA"]);

    private Props Exchange(ServerLedger ledger) =>
        ExchangeActor.Props(new ExchangeSettings(10, 0m), ["ALFA"], [Alice], eventLogSize: 1000, ledger: ledger);

    private async Task<IActorRef> StartedAsync(int snapshotEvery = 1000)
    {
        var ledger = ServerLedger.Persistent(snapshotEvery);
        var exchange = Sys.ActorOf(Exchange(ledger));
        await ledger.Health.Recovered.WaitAsync(TimeSpan.FromSeconds(10));
        return exchange;
    }

    private async Task StopAsync(IActorRef exchange)
    {
        Watch(exchange);
        Sys.Stop(exchange);
        await ExpectTerminatedAsync(exchange);
    }

    private async Task<OrderOutcome> OrderAsync(IActorRef exchange, Side side, decimal quantity, string? id)
    {
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", side, quantity), id));
        return await ExpectMsgAsync<OrderOutcome>();
    }

    private async Task<string> AccountAsync(IActorRef exchange)
    {
        exchange.Tell(new GetAccount("alice"));
        var a = (await ExpectMsgAsync<AccountState>()).Summary!;
        return $"{a.Cash} {a.Trades} " + string.Join(",", a.Positions.Select(p => $"{p.Asset}={p.Quantity}@{p.AverageEntryPrice}"));
    }

    [Fact]
    public async Task A_restarted_exchange_has_the_accounts_positions_client_order_ids_and_trades_and_numbers_on_after_the_reserved_seq()
    {
        var first = await StartedAsync();
        first.Tell(new PriceTick("ALFA", 10m));
        var bought = await OrderAsync(first, Side.Buy, 3, "a-1");
        first.Tell(new PriceTick("ALFA", 13m));
        var refused = await OrderAsync(first, Side.Sell, 5, "a-2");
        await OrderAsync(first, Side.Buy, 1, null);
        var before = await AccountAsync(first);
        await StopAsync(first);
        var bots = CreateTestProbe();
        Sys.EventStream.Subscribe(bots, typeof(PositionsRecovered));

        var second = await StartedAsync();

        var recovered = await bots.ExpectMsgAsync<PositionsRecovered>(); // for the strategy bot of that name: before any price
        Assert.Equal(("alice", "ALFA", new Domain.Accounts.Position(4, 10.75m), (decimal?)13m),
            (recovered.Bot, recovered.Held.Single().Asset, recovered.Held.Single().Position, recovered.Held.Single().LastBuy));
        Assert.Equal("957 2 ALFA=4@10.75", before);
        Assert.Equal(before, await AccountAsync(second));
        var repeated = await OrderAsync(second, Side.Buy, 3, "a-1");
        Assert.Equal((bought.Seq, bought.Result, true), (repeated.Seq, repeated.Result, repeated.Repeated));
        Assert.Equal(refused.Result, (await OrderAsync(second, Side.Sell, 5, "a-2")).Result);
        second.Tell(new GetEvents(0, 100));
        var page = await ExpectMsgAsync<EventPage>();
        Assert.Equal([bought.Seq, refused.Seq, refused.Seq + 1], page.Events.Select(e => e.Seq)); // the trades and rejection; no prices
        second.Tell(new PriceTick("ALFA", 14m));
        await AccountAsync(second); // answered once the price's new reservation is durable, and the price published
        second.Tell(new GetEvents(refused.Seq + 1, 100));
        Assert.Equal(ExchangeActor.SeqsReservedAhead + 2, (await ExpectMsgAsync<EventPage>()).Events.Single().Seq);
    }

    [Fact]
    public async Task A_snapshot_is_saved_every_so_many_events_and_a_restart_from_it_has_the_same_ledger()
    {
        var first = await StartedAsync(snapshotEvery: 100);
        first.Tell(new PriceTick("ALFA", 10m));
        for (var i = 0; i < 80; i++) await OrderAsync(first, i % 3 == 2 ? Side.Sell : Side.Buy, 1, $"o-{i}");
        var before = await AccountAsync(first);
        await StopAsync(first);

        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        store.Tell(new LoadSnapshot(LedgerJournalActor.Id, SnapshotSelectionCriteria.Latest, long.MaxValue));
        var saved = (await ExpectMsgAsync<LoadSnapshotResult>()).Snapshot;
        Assert.NotNull(saved);
        Assert.IsType<LedgerSnapshot>(saved.Snapshot);

        var second = await StartedAsync(snapshotEvery: 100);
        Assert.Equal(before, await AccountAsync(second));
        Assert.True((await OrderAsync(second, Side.Buy, 1, "o-5")).Repeated);
        Assert.True((await OrderAsync(second, Side.Buy, 1, "o-79")).Repeated);
    }

    /// <summary>A journal the test plays: it forwards the exchange's writes to a probe and answers nothing by itself.</summary>
    private sealed class JournalProbe : ReceiveActor
    {
        public JournalProbe(IActorRef probe) => ReceiveAny(m => probe.Forward(m));
    }

    [Fact]
    public async Task An_order_is_answered_and_published_and_the_prices_after_it_too_only_once_its_events_are_durable()
    {
        var journal = CreateTestProbe();
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published, typeof(ExchangeEvent));
        var ledger = new ServerLedger(_ => Props.Create(() => new JournalProbe(journal)), 1000, new LedgerHealth());
        var exchange = Sys.ActorOf(Exchange(ledger));
        exchange.Tell(new PriceTick("ALFA", 10m)); // held until the ledger is recovered
        exchange.Tell(new LedgerJournal.Recovered(0));
        await ledger.Health.Recovered.WaitAsync(TimeSpan.FromSeconds(10));

        // what came together is written together: the account opened at recovery and the held price's reservation
        var opened = await journal.ExpectMsgAsync<LedgerJournal.Write>();
        Assert.IsType<LedgerEvent.AccountOpened>(opened.Events[0]);
        Assert.Equal(ExchangeActor.SeqsReservedAhead + 1, Assert.IsType<SeqReserved>(opened.Events[1]).Seq);
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 2), "a-1"));
        var write = await journal.ExpectMsgAsync<LedgerJournal.Write>();
        Assert.Equal(["OrderAccepted 2", "OrderFilled 2"], write.Events.Select(e => $"{e.GetType().Name} {e.Seq}"));
        exchange.Tell(new PriceTick("ALFA", 11m));

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        await published.ExpectNoMsgAsync(TimeSpan.Zero);
        exchange.Tell(new LedgerJournal.Durable(write.Ticket - 1));
        Assert.Equal(1, (await published.ExpectMsgAsync<ExchangeEvent>()).Seq); // the first price: its reservation is durable
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        exchange.Tell(new LedgerJournal.Durable(write.Ticket));

        Assert.NotNull((await ExpectMsgAsync<OrderOutcome>()).Result.Fill);
        Assert.Equal(["trade 2", "price 3"], new[] { await published.ExpectMsgAsync<ExchangeEvent>(),
            await published.ExpectMsgAsync<ExchangeEvent>() }.Select(e => $"{e.Data.Type} {e.Seq}"));
    }

    [Fact]
    public async Task A_store_that_fails_on_recovery_or_later_is_reported_and_nothing_more_is_answered()
    {
        var ledger = new ServerLedger(_ => Props.Create(() => new JournalProbe(CreateTestProbe())), 1000, new LedgerHealth());
        var exchange = Sys.ActorOf(Exchange(ledger));
        exchange.Tell(new LedgerJournal.Failed("the ledger cannot be read: unknown record 'fill/9'", new Exception("fill/9")));
        var failure = await Assert.ThrowsAsync<LedgerStoreException>(() => ledger.Health.Recovered.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("the ledger cannot be read: unknown record 'fill/9'", failure.Message);

        var later = new ServerLedger(null, 1000, new LedgerHealth());
        var running = Sys.ActorOf(Exchange(later));
        await later.Health.Recovered.WaitAsync(TimeSpan.FromSeconds(10));
        running.Tell(new LedgerJournal.Failed("the ledger cannot be written: disk full", new IOException("disk full")));
        Assert.Equal("the ledger cannot be written: disk full", await later.Health.Failed.WaitAsync(TimeSpan.FromSeconds(10)));
        running.Tell(new GetAccount("alice"));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
