using System.Globalization;
using System.Text;
using AkkaTrading.Console.Output;
using AkkaTrading.Console.Running;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Console.Report;

/// <summary>
/// Writes a run's report into a prepared directory: <c>trades.csv</c>, per bot <c>equity-BOT.csv</c>
/// (step, cash, holdings value, equity) and <c>equity-BOT.png</c>, per asset <c>price-ASSET.png</c>, and
/// <c>report.md</c> naming the run and its effective configuration, with the statistics and the charts. A replay of
/// market data adds the time to the CSVs, dates to the charts, and the period and annualised statistics to the report.
/// </summary>
public static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(string dir, string title, TradingConfig config, RunOutcome outcome, TimedStatistics? timed = null)
    {
        var recording = outcome.Recording ?? throw new InvalidOperationException("the run was not recorded");
        var snapshot = outcome.Snapshot;
        var timeline = timed?.Timeline;

        WriteLines(Path.Combine(dir, "trades.csv"),
            [TradeLog.HeaderFor(timeline), .. recording.Fills.Select(f => TradeLog.Row(f, timeline))]);
        foreach (var (bot, curve) in recording.Equity.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            WriteLines(Path.Combine(dir, $"equity-{bot}.csv"),
                ["step,cash,holdings,equity" + (timeline is null ? "" : ",time"),
                    .. curve.Select(p => string.Create(Inv, $"{p.Step},{p.Point.Cash},{p.Point.Holdings},{p.Point.Equity}") +
                        (timeline is not null && p.Time is { } time ? "," + timeline.Format(time) : ""))]);
            Charts.Equity(Path.Combine(dir, $"equity-{bot}.png"), bot, snapshot.Bots.First(b => b.Bot == bot).InitialCash, curve);
        }
        foreach (var (asset, prices) in recording.Prices.OrderBy(p => p.Key, StringComparer.Ordinal))
            Charts.Price(Path.Combine(dir, $"price-{asset}.png"), asset, prices, recording.Fills);

        var md = new StringBuilder();
        md.AppendLine($"# {title}").AppendLine();
        var curves = string.Join(", ", recording.Equity.Keys.Order(StringComparer.Ordinal)
            .Select(b => $"[equity-{b}.csv](equity-{b}.csv)"));
        md.AppendLine($"{recording.Fills.Length} trades: [trades.csv](trades.csv). Equity curves per bot: {curves}.");
        if (timed is not null) md.AppendLine().AppendLine($"The {timed.Period}.");
        if (recording.Stride > 1)
            md.AppendLine().AppendLine(string.Create(Inv,
                $"The run was long: curves and charts keep one step in {recording.Stride}, evenly spread; trades.csv holds every trade."));

        md.AppendLine().AppendLine("## Bots").AppendLine();
        md.AppendLine("| bot | start cash | cash | holdings | equity | P/L | return | trades | round trips | win rate | avg win | avg " +
            "loss | max drawdown | exposure | fees |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var b in snapshot.Bots)
        {
            var p = b.Performance;
            md.AppendLine(string.Create(Inv,
                $"| {b.Bot} | {b.InitialCash:N2} | {b.Cash:N2} | {b.Positions.Sum(x => x.Value):N2} | {b.Equity:N2} | " +
                    $"{b.ProfitLoss:+#,0.00;-#,0.00;0.00} | {b.ReturnPercent:0.00}% | {b.Trades} | {p.RoundTrips} | " +
                    $"{p.WinRatePercent:0.0}% | {p.AverageWin:N2} | {p.AverageLoss:N2} | {p.MaxDrawdown:N2} " +
                    $"({p.MaxDrawdownPercent:0.00}%) | {p.ExposurePercent:0.0}% | {b.FeesPaid:N2} |"));
        }
        if (timed is not null)
        {
            md.AppendLine().AppendLine($"| bot | {string.Join(" | ", TimedStatistics.Columns)} |");
            md.AppendLine($"| --- |{string.Concat(TimedStatistics.Columns.Select(_ => " ---: |"))}");
            foreach (var b in snapshot.Bots) md.AppendLine($"| {b.Bot} | {string.Join(" | ", timed.Cells(b))} |");
        }
        foreach (var b in snapshot.Bots)
            md.AppendLine().AppendLine($"![{b.Bot}: equity and drawdown](equity-{b.Bot}.png)");

        md.AppendLine().AppendLine("## Assets").AppendLine();
        md.AppendLine("| asset | first | last | min | max | buy & hold |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var a in snapshot.Assets.OrderBy(a => a.Asset, StringComparer.Ordinal))
            md.AppendLine(string.Create(Inv,
                $"| {a.Asset} | {a.First:N2} | {a.Last:N2} | {a.Min:N2} | {a.Max:N2} | {a.ReturnPercent:0.00}% |"));
        foreach (var asset in recording.Prices.Keys.Order(StringComparer.Ordinal))
            md.AppendLine().AppendLine($"![{asset}: price, buys and sells](price-{asset}.png)");

        md.AppendLine().AppendLine("## Configuration").AppendLine();
        md.AppendLine("The effective configuration (defaults with the user file layered over them):").AppendLine();
        md.AppendLine("```hocon").AppendLine("akka-trading {").AppendLine(config.Config.GetConfig("akka-trading").Root.ToString().TrimEnd())
            .AppendLine("}").AppendLine("```");

        var report = Path.Combine(dir, "report.md");
        File.WriteAllText(report, md.ToString());
        return report;
    }

    private static void WriteLines(string path, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        foreach (var line in lines) writer.WriteLine(line);
    }
}
