using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Server;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>The exchange as a server: accounts opened while it runs, orders by client order id, stamped events clients resume
/// from.</summary>
public sealed class ExchangeServerTests : TestKit
{
    private IActorRef Server(int eventLogSize = 100) =>
        Sys.ActorOf(ExchangeActor.Props(new ExchangeSettings(10, 0m), ["ALFA"], [], eventLogSize: eventLogSize));

    [Fact]
    public async Task An_account_opened_while_running_trades_and_opening_it_again_changes_nothing()
    {
        var exchange = Server();
        exchange.Tell(new OpenAccount("alice", 100m));
        Assert.False((await ExpectMsgAsync<AccountOpened>()).Existed);
        exchange.Tell(new PriceTick("ALFA", 10m));
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 2), "a-1"));
        Assert.NotNull((await ExpectMsgAsync<OrderOutcome>()).Result.Fill);

        exchange.Tell(new OpenAccount("alice", 5000m));
        Assert.True((await ExpectMsgAsync<AccountOpened>()).Existed);
        exchange.Tell(new OpenAccount("Alice", 5000m)); // one name to the people reading the trades
        Assert.True((await ExpectMsgAsync<AccountOpened>()).Existed);
        exchange.Tell(new GetAccount("Alice"));
        Assert.Null((await ExpectMsgAsync<AccountState>()).Summary);
        exchange.Tell(new GetAccount("alice"));
        Assert.Equal(80m, (await ExpectMsgAsync<AccountState>()).Summary!.Cash);
    }

    [Fact]
    public async Task A_repeated_client_order_id_answers_the_first_outcome_and_trades_once()
    {
        var exchange = Server();
        exchange.Tell(new OpenAccount("alice", 100m));
        exchange.Tell(new PriceTick("ALFA", 10m));
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 2), "a-1"));
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 2), "a-1"));
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 2), null));
        await ExpectMsgAsync<AccountOpened>();

        var first = await ExpectMsgAsync<OrderOutcome>();
        var repeat = await ExpectMsgAsync<OrderOutcome>();
        var another = await ExpectMsgAsync<OrderOutcome>();
        Assert.Equal((first.Result, first.Seq, true), (repeat.Result, repeat.Seq, repeat.Repeated));
        Assert.False(another.Repeated);
        Assert.True(another.Seq > first.Seq);
        exchange.Tell(new GetAccount("alice"));
        Assert.Equal(60m, (await ExpectMsgAsync<AccountState>()).Summary!.Cash);
    }

    [Fact]
    public async Task Prices_trades_and_rejections_are_stamped_in_order_and_published()
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published, typeof(ExchangeEvent));
        var exchange = Server(eventLogSize: 3);
        exchange.Tell(new OpenAccount("alice", 15m));
        exchange.Tell(new PriceTick("ALFA", 10m));
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 1), null));
        exchange.Tell(new SubmitOrder(new Order("alice", "ALFA", Side.Buy, 1), null));
        exchange.Tell(new PriceTick("ALFA", 11m));

        var events = new List<ExchangeEvent>();
        for (var i = 0; i < 4; i++) events.Add(await published.ExpectMsgAsync<ExchangeEvent>());
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Seq));
        Assert.Equal(["price", "trade", "rejection", "price"], events.Select(e => e.Data.Type));

        exchange.Tell(new GetEvents(0, 10));
        Assert.True((await FishForMessageAsync<EventPage>(_ => true)).Gone); // 3 kept: 2..4
        exchange.Tell(new GetEvents(1, 10));
        Assert.Equal([2L, 3L, 4L], (await ExpectMsgAsync<EventPage>()).Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task Without_an_event_log_nothing_is_stamped()
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published, typeof(ExchangeEvent));
        var exchange = Server(eventLogSize: 0);
        exchange.Tell(new PriceTick("ALFA", 10m));
        exchange.Tell(new GetPrice("ALFA"));
        await ExpectMsgAsync<CurrentPrice>();
        await published.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
