using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// The baseline: the same strategies and exchange rules in one thread with no actors — for each step,
/// record the prices, let every bot decide on its assets, execute the orders bot by bot, report fills,
/// value every account for the run's statistics.
/// This is the practical limit the actor pipeline is measured against.
/// </summary>
public static class PlainLoop
{
    public static List<string> Run(TradingSettings settings, IReadOnlyList<string> assets, IEnumerable<ScenarioStep> steps)
    {
        var book = new ExchangeBook(assets, settings.Exchange.HistorySize, settings.Exchange.FeePercent);
        var bots = settings.Bots.Select(b =>
        {
            book.OpenAccount(b.Name, b.InitialCash);
            return (b.Name, Strategy: b.CreateStrategy(), Assets: new HashSet<string>(b.Assets, StringComparer.Ordinal), Orders: new List<Order>());
        }).ToArray();
        var trades = new List<string>();

        foreach (var step in steps)
        {
            foreach (var price in step.Prices) book.RecordPrice(price.Asset, price.Price);
            foreach (var bot in bots)
            {
                foreach (var price in step.Prices)
                    if (bot.Assets.Contains(price.Asset) && bot.Strategy.OnPrice(price.Asset, price.Price) is { } intent)
                        bot.Orders.Add(new Order(bot.Name, price.Asset, intent.Side, intent.Quantity));
            }
            foreach (var bot in bots)
            {
                if (bot.Orders.Count == 0) continue;
                var fills = new List<Fill>();
                foreach (var order in bot.Orders)
                    if (book.Submit(order, step.Step).Fill is { } fill)
                    {
                        fills.Add(fill);
                        trades.Add(TradeLog.Row(fill));
                    }
                bot.Orders.Clear();
                foreach (var fill in fills) bot.Strategy.OnFill(fill);
            }
            book.CloseStep(step.Step);
        }
        return trades;
    }

    /// <summary>Parses a scenario CSV and applies the rules: the plain program the whole replay command is compared with.</summary>
    public static int RunCsv(TradingSettings settings, string path)
    {
        var assets = settings.Bots.SelectMany(b => b.Assets).Distinct().ToArray();
        return Run(settings, assets, CsvScenario.Read(path)).Count;
    }
}
