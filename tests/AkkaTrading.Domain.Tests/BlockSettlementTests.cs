using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class BlockSettlementTests
{
    private static ScenarioStep Step(long step, params (string Asset, decimal Price)[] prices) =>
        new(step, [.. prices.Select(p => new AssetPrice(p.Asset, p.Price))]);

    private static readonly ScenarioStep[] Steps =
    [
        Step(0, ("ALFA", 100m), ("BETA", 50m)),
        Step(1, ("ALFA", 98m), ("BETA", 49m)),
        Step(2, ("ALFA", 80m)),
    ];

    private static (ExchangeBook Book, List<(Order Order, OrderResult Result)> Executed) Exchange(params string[] bots)
    {
        var book = new ExchangeBook(["ALFA", "BETA"], 10, 0.5m);
        foreach (var bot in bots) book.OpenAccount(bot, 1000m);
        return (book, new List<(Order, OrderResult)>());
    }

    [Fact]
    public void It_executes_step_by_step_in_bot_order_and_agrees_with_the_bots_own_expectations()
    {
        var hamster = new HamsterSettings(5, 1m, 3, 10m, 1);
        var bots = new[] { new ReplayBot("a", new HamsterStrategy(hamster), ["ALFA", "BETA"], 1000m, 0.5m),
            new ReplayBot("b", new HamsterStrategy(hamster), ["BETA"], 1000m, 0.5m) };
        var orders = bots.Select(bot =>
        {
            var list = new List<StepOrder>();
            foreach (var step in Steps) bot.Decide(step, list);
            return (IReadOnlyList<StepOrder>)list;
        }).ToArray();
        var (book, executed) = Exchange("a", "b");

        Assert.Null(BlockSettlement.Settle(book, Steps, orders, (order, result) => executed.Add((order, result))));

        Assert.Equal(["a ALFA 0", "a BETA 0", "b BETA 0", "a ALFA 1", "a BETA 1", "b BETA 1", "a ALFA 2"],
            executed.Select(e => $"{e.Order.Bot} {e.Order.Asset} {e.Result.Fill?.Step ?? e.Result.Rejection!.Step}"));
        Assert.Equal(80m, book.CurrentPrice("ALFA"));
        Assert.Equal(3, book.Statistics!.Of("a").Steps);
    }

    /// <summary>Buys <c>quantity</c> on every price: enough to run into the ledger's largest position.</summary>
    private sealed class Hoarder(decimal quantity) : IStrategy
    {
        public TradeIntent? OnPrice(string asset, decimal price) => TradeIntent.Buy(quantity);
        public void OnFill(Fill fill) { }
        public void Resume(string asset, Accounts.Position position, decimal? lastBuyPrice) { }
    }

    [Fact]
    public void A_bot_expects_the_same_refusal_beyond_the_largest_position_as_the_exchange_gives()
    {
        const decimal cash = 100_000_000_000_000_000_000m;
        var bot = new ReplayBot("a", new Hoarder(400_000_000_000_000m), ["ALFA"], cash, 0.5m);
        var orders = new List<StepOrder>();
        foreach (var step in Steps) bot.Decide(step, orders);
        var book = new ExchangeBook(["ALFA", "BETA"], 10, 0.5m);
        book.OpenAccount("a", cash);
        var executed = new List<(Order Order, OrderResult Result)>();

        Assert.Null(BlockSettlement.Settle(book, Steps, [orders], (order, result) => executed.Add((order, result))));

        Assert.Equal([null, null, RejectReason.ExceedsLimits], executed.Select(e => e.Result.Rejection?.Reason));
        Assert.Equal(800_000_000_000_000m, book.AccountOf("a")!.PositionIn("ALFA").Quantity);
    }

    [Fact]
    public void An_outcome_other_than_the_expected_one_stops_the_settlement_and_says_so()
    {
        var (book, executed) = Exchange("a");
        var wrong = new StepOrder(0, new Order("a", "ALFA", Side.Buy, 100),
            new Fill(0, "a", "ALFA", Side.Buy, 100, 100m, 50m)); // 10,050 > 1,000 cash

        var problem = BlockSettlement.Settle(book, Steps, [[wrong]], (order, result) => executed.Add((order, result)));

        Assert.StartsWith("at step 0 bot 'a' expected BUY a 100 ALFA @ 100 for", problem);
        Assert.EndsWith("but the exchange gave a rejection", problem);
        Assert.Equal(1000m, book.AccountOf("a")!.Cash);
    }

    [Fact]
    public void An_order_at_a_step_outside_the_block_is_reported()
    {
        var (book, _) = Exchange("a");
        var stray = new StepOrder(9, new Order("a", "ALFA", Side.Buy, 1), null);
        Assert.StartsWith("bot 'a' placed", BlockSettlement.Settle(book, Steps, [[stray]], (_, _) => { }));
    }
}
