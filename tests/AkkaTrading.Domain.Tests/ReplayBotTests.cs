using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class ReplayBotTests
{
    private static ScenarioStep Step(long step, params (string Asset, decimal Price)[] prices) =>
        new(step, [.. prices.Select(p => new AssetPrice(p.Asset, p.Price))]);

    [Fact]
    public void Its_expected_fills_are_exactly_what_the_exchange_gives_for_the_same_orders()
    {
        var hamster = new HamsterSettings(Quantity: 5, CheaperByPercent: 1m, CrashWindow: 3, CrashPercent: 10m, Cooldown: 1);
        var bot = new ReplayBot("h", new HamsterStrategy(hamster), ["ALFA", "BETA"], initialCash: 1000m, feePercent: 0.5m);
        var exchange = new ExchangeBook(["ALFA", "BETA", "GAMMA"], 10, 0.5m);
        exchange.OpenAccount("h", 1000m);
        ScenarioStep[] steps =
        [
            Step(0, ("ALFA", 100m), ("BETA", 50m), ("GAMMA", 7m)),
            Step(1, ("ALFA", 98m), ("BETA", 49m)),   // both 1% cheaper: cash covers BETA only, ALFA is rejected
            Step(2, ("ALFA", 80m)),                  // a crash: sells all ALFA
            Step(3, ("ALFA", 79m), ("BETA", 20m)),   // ALFA sits out its cooldown; BETA crashes too
            Step(4, ("ALFA", 79m)),                  // after the cooldown: buys ALFA afresh
        ];

        var orders = new List<StepOrder>();
        foreach (var step in steps) bot.Decide(step, orders);

        foreach (var step in steps)
        {
            foreach (var price in step.Prices) exchange.RecordPrice(price.Asset, price.Price);
            foreach (var placed in orders.Where(o => o.Step == step.Step))
                Assert.Equal(placed.ExpectedFill, exchange.Submit(placed.Order, step.Step).Fill);
        }
        Assert.Equal(
            [(0L, "ALFA", Side.Buy), (0L, "BETA", Side.Buy), (1L, "ALFA", Side.Buy), (1L, "BETA", Side.Buy), (2L, "ALFA", Side.Sell),
                (3L, "BETA", Side.Sell), (4L, "ALFA", Side.Buy)],
            orders.Select(o => (o.Step, o.Order.Asset, o.Order.Side)));
        Assert.Null(orders[2].ExpectedFill); // the rejected ALFA buy of step 1
        Assert.DoesNotContain(orders, o => o.Order.Asset == "GAMMA"); // not watched
    }
}
