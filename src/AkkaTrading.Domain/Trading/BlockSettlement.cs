using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Trading;

/// <summary>
/// The exchange's side of a replay block (the bots' side is <see cref="ReplayBot"/>): step by step it
/// records the step's prices, executes that step's orders bot by bot in the given order (each bot's in
/// the order placed), checks every outcome against the fill the bot expected, then closes the step.
/// </summary>
public static class BlockSettlement
{
    /// <param name="ordersByBot">each bot's orders for the block, in step order, bots in configuration order</param>
    /// <param name="executed">told of every executed order and its outcome, in execution order</param>
    /// <returns>null when every outcome was the expected one; otherwise what went wrong (settling stops there)</returns>
    public static string? Settle(ExchangeBook book, IReadOnlyList<ScenarioStep> steps, IReadOnlyList<IReadOnlyList<StepOrder>> ordersByBot,
        Action<Order, OrderResult> executed)
    {
        var cursors = new int[ordersByBot.Count];
        foreach (var step in steps)
        {
            foreach (var price in step.Prices) book.RecordPrice(price.Asset, price.Price);
            for (var bot = 0; bot < ordersByBot.Count; bot++)
            {
                var orders = ordersByBot[bot];
                for (; cursors[bot] < orders.Count && orders[cursors[bot]].Step == step.Step; cursors[bot]++)
                {
                    var placed = orders[cursors[bot]];
                    var result = book.Submit(placed.Order, step.Step, step.Time);
                    executed(placed.Order, result);
                    if (result.Fill != placed.ExpectedFill)
                        return $"at step {step.Step} bot '{placed.Order.Bot}' expected {Describe(placed.ExpectedFill)} for " +
                            $"{placed.Order} but the exchange gave {Describe(result.Fill)}";
                }
            }
            book.CloseStep(step.Step, step.Time);
        }
        for (var bot = 0; bot < ordersByBot.Count; bot++)
            if (cursors[bot] < ordersByBot[bot].Count)
            {
                var stray = ordersByBot[bot][cursors[bot]];
                return $"bot '{stray.Order.Bot}' placed {stray.Order} at step {stray.Step}, which is not a step of this block in order";
            }
        return null;

        static string Describe(Fill? fill) => fill is null ? "a rejection" : TradeLog.Describe(fill);
    }
}
