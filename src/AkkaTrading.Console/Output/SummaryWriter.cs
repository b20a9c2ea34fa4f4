using System.Globalization;
using AkkaTrading.Domain.Reporting;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Console.Output;

/// <summary>Prints the end-of-run summary: per bot cash, positions, equity at the last prices, profit/loss, trades.</summary>
public static class SummaryWriter
{
    public static void Write(TextWriter output, Snapshot snapshot, string title)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine($"== {title} ==");
        output.WriteLine(string.Create(inv, $"{"bot",-14} {"cash",14} {"equity",14} {"profit/loss",14} {"return",9} {"trades",7} {"fees",10}"));
        foreach (var bot in snapshot.Bots)
        {
            output.WriteLine(string.Create(inv,
                $"{bot.Bot,-14} {Money(bot.Cash),14} {Money(bot.Equity),14} {Signed(bot.ProfitLoss),14} {Signed(bot.ReturnPercent) + "%",9} {bot.Trades,7} {Money(bot.FeesPaid),10}"));
            foreach (var p in bot.Positions)
                output.WriteLine(string.Create(inv,
                    $"  holds {p.Quantity} {p.Asset} @ avg {Money(p.AverageEntryPrice)}, last {(p.LastPrice is { } last ? Money(last) : "n/a")}, value {Money(p.Value)}"));
            if (bot.Positions.Count == 0) output.WriteLine("  holds nothing");
        }
        var total = new { Cash = snapshot.Bots.Sum(b => b.Cash), Equity = snapshot.Bots.Sum(b => b.Equity), Pnl = snapshot.Bots.Sum(b => b.ProfitLoss), Trades = snapshot.Bots.Sum(b => b.Trades) };
        output.WriteLine(string.Create(inv, $"{"total",-14} {Money(total.Cash),14} {Money(total.Equity),14} {Signed(total.Pnl),14} {"",9} {total.Trades,7}"));
        output.WriteLine("last prices: " + string.Join(", ", snapshot.LastPrices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(inv, $"{p.Key} {p.Value}"))));
    }

    private static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value >= 0 ? "+" : "") + Money(value);
}
