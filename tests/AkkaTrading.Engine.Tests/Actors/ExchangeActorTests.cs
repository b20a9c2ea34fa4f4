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
        Sys.EventStream.Subscribe(watcher, typeof(PriceChanged));
        var exchange = LiveExchange(Bot("b"));

        foreach (var price in new[] { 10m, 11m, 12m, 13m }) exchange.Tell(new PriceTick("ALFA", price));

        Assert.Equal(new PriceChanged(1, "ALFA", 10m), await watcher.ExpectMsgAsync<PriceChanged>());
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
    public async Task An_invalid_order_is_rejected_with_its_reason_and_changes_no_account(string bot, string asset, int quantity,
        RejectReason reason)
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

    private (IActorRef Exchange, Akka.TestKit.TestProbe Clock, Akka.TestKit.TestProbe Blocks,
        Akka.TestKit.TestProbe Trades) ReplayExchange(params BotAccount[] bots)
    {
        var clock = CreateTestProbe();
        var blocks = CreateTestProbe();
        var trades = CreateTestProbe();
        Sys.EventStream.Subscribe(blocks, typeof(PriceBlock));
        Sys.EventStream.Subscribe(trades, typeof(TradeExecuted));
        return (Sys.ActorOf(ExchangeActor.Props(Settings, Assets, bots, clock)), clock, blocks, trades);
    }

    private static StepOrder Placed(long step, string bot, string asset, Side side, decimal quantity, decimal? fillPrice) =>
        new(step, new Order(bot, asset, side, quantity), fillPrice is { } p ? new Fill(step, bot, asset, side, quantity, p, 0m) : null);

    [Theory]
    [InlineData(2, 3, 1024)]
    [InlineData(200, 3, 109)]
    [InlineData(100_000, 30, 16)]
    public void A_replay_block_has_fewer_steps_with_many_bots_and_assets(int bots, int assets, int steps) =>
        Assert.Equal(steps, ExchangeActor.StepsPerBlockFor(bots, assets));

    [Fact]
    public async Task A_replay_block_is_settled_step_by_step_in_bot_order_whatever_the_order_the_answers_arrive_in()
    {
        var (exchange, clock, blocks, trades) = ReplayExchange(Bot("first"), Bot("second", 1000m, "BETA"));

        exchange.Tell(Start.Instance);
        Assert.Equal(ExchangeActor.StepsPerBlock, (await clock.ExpectMsgAsync<RequestSteps>()).Count);
        clock.Reply(new StepBatch([Step(0, ("ALFA", 10m)), Step(1, ("ALFA", 11m), ("BETA", 20m))], IsLast: true));
        var block = await blocks.ExpectMsgAsync<PriceBlock>();
        Assert.Equal([0L, 1L], block.Steps.Select(s => s.Step));

        exchange.Tell(new BlockDecisions(block.Sequence, "second", [Placed(1, "second", "BETA", Side.Buy, 2, 20m)]));
        await trades.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // "first" has not answered yet
        exchange.Tell(new BlockDecisions(block.Sequence, "first",
            [Placed(0, "first", "ALFA", Side.Buy, 1, 10m), Placed(1, "first", "ALFA", Side.Sell, 1, 11m)]));

        Assert.Equal((0L, "first", Side.Buy), Of((await trades.ExpectMsgAsync<TradeExecuted>()).Fill));
        Assert.Equal((1L, "first", Side.Sell), Of((await trades.ExpectMsgAsync<TradeExecuted>()).Fill));
        Assert.Equal((1L, "second", Side.Buy), Of((await trades.ExpectMsgAsync<TradeExecuted>()).Fill));
        Assert.Equal(new Completed(1, 3), await ExpectMsgAsync<Completed>());
        exchange.Tell(GetSnapshot.Instance);
        Assert.Equal([1001m, 960m], (await ExpectMsgAsync<Snapshot>()).Bots.Select(b => b.Cash));

        static (long, string, Side) Of(Fill f) => (f.Step, f.Bot, f.Side);
    }

    [Fact]
    public async Task A_replay_keeps_a_bounded_number_of_blocks_in_flight()
    {
        var (exchange, clock, blocks, _) = ReplayExchange(Bot("first"));
        exchange.Tell(Start.Instance);
        for (var i = 0; i < ExchangeActor.BlocksInFlight; i++)
        {
            await clock.ExpectMsgAsync<RequestSteps>();
            clock.Reply(new StepBatch([Step(i, ("ALFA", 10m))], IsLast: false));
            await blocks.ExpectMsgAsync<PriceBlock>();
        }
        await clock.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the bot has answered nothing yet

        exchange.Tell(new BlockDecisions(0, "first", []));
        await clock.ExpectMsgAsync<RequestSteps>();
    }

    [Fact]
    public async Task A_replay_fails_loudly_when_a_bot_expects_another_outcome_than_the_exchange_gives()
    {
        var (exchange, clock, blocks, _) = ReplayExchange(Bot("first", cash: 5m));
        exchange.Tell(Start.Instance);
        await clock.ExpectMsgAsync<RequestSteps>();
        clock.Reply(new StepBatch([Step(0, ("ALFA", 10m))], IsLast: true));
        await blocks.ExpectMsgAsync<PriceBlock>();

        exchange.Tell(new BlockDecisions(0, "first", [Placed(0, "first", "ALFA", Side.Buy, 1, 10m)])); // 5 cash cannot pay 10

        Assert.Equal("at step 0 bot 'first' expected BUY first 1 ALFA @ 10 for Order { Bot = first, Asset = ALFA, Side = Buy, Quantity = " +
            "1 } but the exchange gave a rejection",
            (await ExpectMsgAsync<Failed>()).Reason);
    }

    [Fact]
    public async Task A_replay_fails_when_a_bot_places_an_order_at_a_step_outside_the_block()
    {
        var (exchange, clock, blocks, trades) = ReplayExchange(Bot("first"));
        exchange.Tell(Start.Instance);
        await clock.ExpectMsgAsync<RequestSteps>();
        clock.Reply(new StepBatch([Step(0, ("ALFA", 10m))], IsLast: true));
        await blocks.ExpectMsgAsync<PriceBlock>();

        exchange.Tell(new BlockDecisions(0, "first", [Placed(7, "first", "ALFA", Side.Buy, 1, 10m)]));

        Assert.StartsWith("bot 'first' placed", (await ExpectMsgAsync<Failed>()).Reason);
        await trades.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
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
