using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>A bot alone, with a probe as its exchange and prices published on the EventStream by the test.</summary>
public sealed class BotActorTests : TestKit
{
    private static readonly HamsterSettings Hamster = new(Quantity: 5, CheaperByPercent: 1m, CrashWindow: 5, CrashPercent: 10m,
        Cooldown: 2);

    private Task<(IActorRef Bot, Akka.TestKit.TestProbe Exchange)> StartHamster(params string[] assets) => StartHamster(10_000m, assets);

    private Task<(IActorRef Bot, Akka.TestKit.TestProbe Exchange)> StartHamster(decimal cash, params string[] assets)
    {
        var exchange = CreateTestProbe();
        var bot = TradingSimulationHosting.StartBot(Sys, new BotAccount("hamster", cash, [.. assets]), new HamsterStrategy(Hamster),
            new ExchangeSettings(10, 0m), exchange);
        return Task.FromResult((bot, exchange));
    }

    private void Publish(long step, bool replay, params (string Asset, decimal Price)[] prices)
    {
        if (replay) Sys.EventStream.Publish(new PriceBlock(step, [ExchangeActorTests.Step(step, prices)]));
        else foreach (var (asset, price) in prices) Sys.EventStream.Publish(new PriceChanged(step, asset, price));
    }

    [Fact]
    public async Task In_a_live_run_a_decision_becomes_a_market_order()
    {
        var (_, exchange) = await StartHamster("ALFA");
        Publish(1, replay: false, ("ALFA", 100m));
        Assert.Equal(new Order("hamster", "ALFA", Side.Buy, 5), (await exchange.ExpectMsgAsync<PlaceOrder>()).Order);
    }

    [Fact]
    public async Task No_second_order_on_an_asset_while_the_first_is_unanswered()
    {
        var (bot, exchange) = await StartHamster("ALFA");
        Publish(1, replay: false, ("ALFA", 100m));
        await exchange.ExpectMsgAsync<PlaceOrder>();
        Publish(2, replay: false, ("ALFA", 90m));
        await exchange.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        bot.Tell(new OrderRejected(new Rejection(1, new Order("hamster", "ALFA", Side.Buy, 5), RejectReason.InsufficientCash, 500m, 0m)));
        Publish(3, replay: false, ("ALFA", 90m));
        Assert.Equal(Side.Buy, (await exchange.ExpectMsgAsync<PlaceOrder>()).Order.Side); // still never bought: buys on sight
    }

    [Fact]
    public async Task The_last_buy_price_comes_from_the_fill()
    {
        var (bot, exchange) = await StartHamster("ALFA");
        Publish(1, replay: false, ("ALFA", 100m));
        await exchange.ExpectMsgAsync<PlaceOrder>();
        bot.Tell(new OrderFilled(new Fill(1, "hamster", "ALFA", Side.Buy, 5, 100m, 0m)));

        Publish(2, replay: false, ("ALFA", 99.01m)); // less than 1% cheaper: hold
        await exchange.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Publish(3, replay: false, ("ALFA", 99m)); // exactly 1% cheaper: buy
        Assert.Equal(Side.Buy, (await exchange.ExpectMsgAsync<PlaceOrder>()).Order.Side);
    }

    [Fact]
    public async Task In_a_replay_it_answers_every_block_with_its_orders_and_their_expected_fills()
    {
        var (_, exchange) = await StartHamster("ALFA", "BETA");
        Publish(0, replay: true, ("ALFA", 100m), ("BETA", 50m), ("GAMMA", 10m));
        var first = await exchange.ExpectMsgAsync<BlockDecisions>();
        Assert.Equal(("hamster", 0L), (first.Bot, first.Sequence));
        Assert.Equal(
            [new StepOrder(0, new Order("hamster", "ALFA", Side.Buy, 5), new Fill(0, "hamster", "ALFA", Side.Buy, 5, 100m, 0m)),
             new StepOrder(0, new Order("hamster", "BETA", Side.Buy, 5), new Fill(0, "hamster", "BETA", Side.Buy, 5, 50m, 0m))],
            first.Orders.ToArray());

        Publish(1, replay: true, ("GAMMA", 9m)); // none of its assets: an empty answer
        Assert.Empty((await exchange.ExpectMsgAsync<BlockDecisions>()).Orders);
    }

    [Fact]
    public async Task In_a_replay_it_decides_each_step_knowing_the_outcome_of_the_previous_ones()
    {
        var (_, exchange) = await StartHamster(cash: 600m, "ALFA");
        Sys.EventStream.Publish(new PriceBlock(0, [
            ExchangeActorTests.Step(0, ("ALFA", 100m)),   // first sight: buys 5 for 500
            ExchangeActorTests.Step(1, ("ALFA", 99.5m)),  // not 1% cheaper than the fill: holds
            ExchangeActorTests.Step(2, ("ALFA", 99m)),    // 1% cheaper: buys, but 100 cash cannot pay 495
            ExchangeActorTests.Step(3, ("ALFA", 98.5m)),  // the rejection changed nothing: still compared with 100
        ]));

        var orders = (await exchange.ExpectMsgAsync<BlockDecisions>()).Orders;
        Assert.Equal([(0L, true), (2L, false), (3L, false)], orders.Select(o => (o.Step, o.ExpectedFill is not null)));
    }
}
