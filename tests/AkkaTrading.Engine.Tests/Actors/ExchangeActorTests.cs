using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;
using static AkkaTrading.Engine.Protocol.Replay;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>The exchange alone: probes stand in for sources, bots, the replay clock and the host.</summary>
public sealed class ExchangeActorTests : TestKit
{
    private static readonly ExchangeSettings Settings = new(HistorySize: 3, FeePercent: 0m);
    private static readonly string[] Assets = ["ALFA", "BETA"];

    private static BotAccount Bot(string name, decimal cash = 1000m, params string[] assets) =>
        new(name, cash, [.. assets.Length == 0 ? Assets : assets]);

    private IActorRef LiveExchange(params BotAccount[] bots) => Sys.ActorOf(ExchangeActor.Props(Settings, Assets, bots));

    [Fact]
    public async Task A_price_from_a_source_is_published_and_answers_queries_with_bounded_history()
    {
        var watcher = CreateTestProbe();
        Sys.EventStream.Subscribe(watcher, typeof(PricesChanged));
        var exchange = LiveExchange(Bot("b"));

        foreach (var price in new[] { 10m, 11m, 12m, 13m }) exchange.Tell(new PriceTick("ALFA", price));

        var first = await watcher.ExpectMsgAsync<PricesChanged>();
        Assert.Equal(1, first.Step);
        Assert.Equal([new AssetPrice("ALFA", 10m)], first.Prices.ToArray());
        Assert.False(first.DecisionsExpected);
        exchange.Tell(new GetPrice("ALFA"));
        Assert.Equal(new CurrentPrice("ALFA", 13m), await ExpectMsgAsync<CurrentPrice>());
        exchange.Tell(new GetHistory("ALFA", 10));
        Assert.Equal([11m, 12m, 13m], (await ExpectMsgAsync<PriceHistory>()).Prices.ToArray());
        exchange.Tell(new GetPrice("BETA"));
        Assert.Null((await ExpectMsgAsync<CurrentPrice>()).Price);
    }

    [Fact]
    public async Task A_market_order_fills_at_the_current_price_and_the_trade_is_published()
    {
        var trades = CreateTestProbe();
        Sys.EventStream.Subscribe(trades, typeof(TradeExecuted));
        var exchange = LiveExchange(Bot("b"));
        exchange.Tell(new PriceTick("ALFA", 25.50m));

        exchange.Tell(new PlaceOrder(new Order("b", "ALFA", Side.Buy, 4)));

        var fill = (await ExpectMsgAsync<OrderFilled>()).Fill;
        Assert.Equal((Side.Buy, 4m, 25.50m), (fill.Side, fill.Quantity, fill.Price));
        Assert.Equal(fill, (await trades.ExpectMsgAsync<TradeExecuted>()).Fill);
        exchange.Tell(GetSnapshot.Instance);
        var bot = Assert.Single((await ExpectMsgAsync<Snapshot>()).Bots);
        Assert.Equal(1000m - 4 * 25.50m, bot.Cash);
    }

    [Theory]
    [InlineData("ghost", "ALFA", 1, RejectReason.UnknownBot)]
    [InlineData("b", "ZETA", 1, RejectReason.UnknownAsset)]
    [InlineData("b", "BETA", 1, RejectReason.NoPrice)]
    [InlineData("b", "ALFA", 0, RejectReason.InvalidQuantity)]
    [InlineData("b", "ALFA", 1000, RejectReason.InsufficientCash)]
    public async Task An_invalid_order_is_rejected_with_its_reason_and_changes_no_account(string bot, string asset, int quantity, RejectReason reason)
    {
        var exchange = LiveExchange(Bot("b"));
        exchange.Tell(new PriceTick("ALFA", 10m));
        exchange.Tell(GetSnapshot.Instance);
        var before = (await ExpectMsgAsync<Snapshot>()).Bots.Single();

        exchange.Tell(new PlaceOrder(new Order(bot, asset, Side.Buy, quantity)));

        Assert.Equal(reason, (await ExpectMsgAsync<OrderRejected>()).Rejection.Reason);
        exchange.Tell(GetSnapshot.Instance);
        var after = (await ExpectMsgAsync<Snapshot>()).Bots.Single();
        Assert.Equal((before.Cash, before.Trades, before.Positions.Count), (after.Cash, after.Trades, after.Positions.Count));
    }

    [Fact]
    public async Task Selling_more_than_held_is_rejected()
    {
        var exchange = LiveExchange(Bot("b"));
        exchange.Tell(new PriceTick("ALFA", 10m));
        exchange.Tell(new PlaceOrder(new Order("b", "ALFA", Side.Buy, 2)));
        await ExpectMsgAsync<OrderFilled>();

        exchange.Tell(new PlaceOrder(new Order("b", "ALFA", Side.Sell, 3)));

        Assert.Equal(RejectReason.InsufficientPosition, (await ExpectMsgAsync<OrderRejected>()).Rejection.Reason);
    }

    [Fact]
    public async Task A_replay_waits_for_every_watching_bot_and_settles_each_step_in_bot_order_whatever_the_arrival_order()
    {
        var clock = CreateTestProbe();
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        var prices = CreateTestProbe();
        var trades = CreateTestProbe();
        Sys.EventStream.Subscribe(prices, typeof(PricesChanged));
        Sys.EventStream.Subscribe(trades, typeof(TradeExecuted));
        var exchange = Sys.ActorOf(ExchangeActor.Props(Settings, Assets, [Bot("first"), Bot("second", 1000m, "BETA")], clock));

        exchange.Tell(Start.Instance);
        await clock.ExpectMsgAsync<RequestSteps>();
        clock.Reply(new StepBatch([Step(0, ("ALFA", 10m)), Step(1, ("ALFA", 11m), ("BETA", 20m))], IsLast: true));

        // Step 0 has only ALFA, which only "first" watches.
        var step0 = await prices.ExpectMsgAsync<PricesChanged>();
        Assert.True(step0.DecisionsExpected);
        exchange.Tell(new StepDecisions(0, "second", [new Order("second", "ALFA", Side.Buy, 1)]), second); // not asked: ignored
        exchange.Tell(new StepDecisions(0, "first", [new Order("first", "ALFA", Side.Buy, 1)]), first);
        Assert.Equal(10m, (await first.ExpectMsgAsync<OrderFilled>()).Fill.Price);
        await second.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        // Step 1: both bots decide; the later-configured bot answers first.
        Assert.Equal(1, (await prices.ExpectMsgAsync<PricesChanged>()).Step);
        exchange.Tell(new StepDecisions(1, "second", [new Order("second", "BETA", Side.Buy, 2)]), second);
        await prices.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // still waiting for "first"
        exchange.Tell(new StepDecisions(1, "first", [new Order("first", "ALFA", Side.Sell, 1)]), first);

        Assert.Equal("first", (await trades.ExpectMsgAsync<TradeExecuted>()).Fill.Bot); // step 0
        Assert.Equal(("first", Side.Sell), Of((await trades.ExpectMsgAsync<TradeExecuted>()).Fill));
        Assert.Equal(("second", Side.Buy), Of((await trades.ExpectMsgAsync<TradeExecuted>()).Fill));
        Assert.Equal(11m, (await first.ExpectMsgAsync<OrderFilled>()).Fill.Price);
        Assert.Equal(20m, (await second.ExpectMsgAsync<OrderFilled>()).Fill.Price);
        Assert.Equal(new Completed(1, 3), await ExpectMsgAsync<Completed>());

        static (string, Side) Of(Fill f) => (f.Bot, f.Side);
    }

    [Fact]
    public async Task A_replay_failure_from_the_clock_reaches_the_host()
    {
        var clock = CreateTestProbe();
        var exchange = Sys.ActorOf(ExchangeActor.Props(Settings, Assets, [], clock));
        exchange.Tell(Start.Instance);
        await clock.ExpectMsgAsync<RequestSteps>();
        clock.Reply(new Failed("scenario.csv, line 9: price 'x' is not a decimal number"));
        Assert.Contains("line 9", (await ExpectMsgAsync<Failed>()).Reason);
    }

    internal static ScenarioStep Step(long step, params (string Asset, decimal Price)[] prices) =>
        new(step, [.. prices.Select(p => new AssetPrice(p.Asset, p.Price))]);
}
