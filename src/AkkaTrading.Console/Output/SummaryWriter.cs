using System.Globalization;
using static AkkaTrading.Console.Output.Figures;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Console.Output;

/// <summary>
/// Prints the end-of-run summary: per bot cash, positions, equity at the last prices, profit/loss, trades,
/// round trips, drawdown and exposure; per asset its price range and what simply holding it returned.
/// </summary>
public static class SummaryWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="timed">in a replay of market data: the period is named and every bot gets its annualised statistics</param>
    public static void Write(TextWriter output, Snapshot snapshot, string title, TimedStatistics? timed = null)
    {
        output.WriteLine();
        output.WriteLine($"== {title} ==");
        if (timed is not null) output.WriteLine(timed.Period);
        output.WriteLine(string.Create(Inv,
            $"{"bot",-14} {"start cash",14} {"cash",14} {"equity",14} {"profit/loss",14} {"return",9} {"trades",7} {"fees",10}"));
        foreach (var bot in snapshot.Bots)
        {
            output.WriteLine(string.Create(Inv,
                $"{bot.Bot,-14} {Money(bot.InitialCash),14} {Money(bot.Cash),14} {Money(bot.Equity),14} {Signed(bot.ProfitLoss),14} " +
                    $"{Percent(bot.ReturnPercent),9} {bot.Trades,7} {Money(bot.FeesPaid),10}"));
            foreach (var p in bot.Positions)
                output.WriteLine(string.Create(Inv,
                    $"  holds {p.Quantity} {p.Asset} @ avg {Money(p.AverageEntryPrice)}, last " +
                        $"{(p.LastPrice is { } last ? Money(last) : "n/a")}, value {Money(p.Value)}"));
            if (bot.Positions.Count == 0) output.WriteLine("  holds nothing");
            var perf = bot.Performance;
            output.WriteLine(string.Create(Inv,
                $"  round trips {perf.RoundTrips} ({perf.Wins} won, {perf.Losses} lost, win rate {perf.WinRatePercent:0.0}%), average " +
                    $"win {Signed(perf.AverageWin)}, average loss {Signed(perf.AverageLoss)}"));
            output.WriteLine(string.Create(Inv,
                $"  max drawdown {Money(perf.MaxDrawdown)} ({perf.MaxDrawdownPercent:0.00}%), exposure {perf.ExposurePercent:0.0}% of " +
                    $"{perf.Steps} steps"));
            if (timed is not null) output.WriteLine($"  {timed.Line(bot)}");
        }
        output.WriteLine(string.Create(Inv,
            $"{"total",-14} {Money(snapshot.Bots.Sum(b => b.InitialCash)),14} {Money(snapshot.Bots.Sum(b => b.Cash)),14} " +
                $"{Money(snapshot.Bots.Sum(b => b.Equity)),14} {Signed(snapshot.Bots.Sum(b => b.ProfitLoss)),14} {"",9} " +
                $"{snapshot.Bots.Sum(b => b.Trades),7} {Money(snapshot.Bots.Sum(b => b.FeesPaid)),10}"));

        output.WriteLine();
        output.WriteLine(string.Create(Inv, $"{"asset",-14} {"first",12} {"last",12} {"min",12} {"max",12} {"buy & hold",11}"));
        foreach (var a in snapshot.Assets.OrderBy(a => a.Asset, StringComparer.Ordinal))
            output.WriteLine(string.Create(Inv,
                $"{a.Asset,-14} {Money(a.First),12} {Money(a.Last),12} {Money(a.Min),12} {Money(a.Max),12} {Percent(a.ReturnPercent),11}"));
    }
}
