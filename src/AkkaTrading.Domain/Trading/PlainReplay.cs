using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;

namespace AkkaTrading.Domain.Trading;

/// <summary>A bot of a <see cref="PlainReplay"/>: its name, a fresh strategy, the assets it watches and its starting cash.</summary>
public sealed record PlainBot(string Name, IStrategy Strategy, IReadOnlyCollection<string> Assets, decimal InitialCash);

/// <summary>
/// The reference replay: the strategies and the exchange's rules in one thread, with no actors and no copies of
/// accounts. For each step it records the prices, lets every bot decide on its assets, executes the orders bot by
/// bot (each bot's in asset order), tells each bot its fills, then closes the step. The actor pipeline must
/// produce the same trades; tests and the benchmark compare the two, and the benchmark measures against it.
/// </summary>
public static class PlainReplay
{
    /// <param name="onFill">told of every fill, in execution order</param>
    /// <returns>the exchange's book after the last step</returns>
    public static ExchangeBook Run(IReadOnlyList<string> assets, int historySize, decimal feePercent, IReadOnlyList<PlainBot> bots,
        IEnumerable<ScenarioStep> steps, Action<Fill> onFill)
    {
        var book = new ExchangeBook(assets, historySize, feePercent);
        var watched = new HashSet<string>[bots.Count];
        var orders = new List<Order>[bots.Count];
        for (var i = 0; i < bots.Count; i++)
        {
            book.OpenAccount(bots[i].Name, bots[i].InitialCash);
            watched[i] = new HashSet<string>(bots[i].Assets, StringComparer.Ordinal);
            orders[i] = new List<Order>();
        }
        var fills = new List<Fill>();

        foreach (var step in steps)
        {
            foreach (var price in step.Prices) book.RecordPrice(price.Asset, price.Price);
            for (var i = 0; i < bots.Count; i++)
                foreach (var price in step.Prices)
                    if (watched[i].Contains(price.Asset) && bots[i].Strategy.OnPrice(price.Asset, price.Price) is { } intent)
                        orders[i].Add(new Order(bots[i].Name, price.Asset, intent.Side, intent.Quantity));
            for (var i = 0; i < bots.Count; i++)
            {
                if (orders[i].Count == 0) continue;
                foreach (var order in orders[i])
                    if (book.Submit(order, step.Step, step.Time).Fill is { } fill)
                    {
                        fills.Add(fill);
                        onFill(fill);
                    }
                orders[i].Clear();
                foreach (var fill in fills) bots[i].Strategy.OnFill(fill);
                fills.Clear();
            }
            book.CloseStep(step.Step, step.Time);
        }
        return book;
    }
}
