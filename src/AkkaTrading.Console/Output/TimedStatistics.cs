using System.Globalization;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Console.Output;

/// <summary>
/// A replay of market data's period and the annualised statistics of its bots, worded once for the plain summary, the
/// terminal's tables and the report. Runs without timestamps have none of it, so their output stays as it was.
/// </summary>
public sealed record TimedStatistics(Timeline Timeline, decimal RiskFreePercent)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly string[] Columns = ["CAGR", "volatility", "Sharpe", "Sortino", "longest drawdown"];

    /// <summary>E.g. <c>period 2024-01-02 to 2024-12-31 (251 bars, 252 a year), risk-free rate 0% a year</c>.</summary>
    public string Period => string.Create(Inv, $"period {Timeline.Describe()}, risk-free rate {RiskFreePercent}% a year");

    /// <summary>The bot's figures under <see cref="Columns"/>; "n/a" where one has no meaning.</summary>
    public string[] Cells(BotSummary bot)
    {
        var a = AnnualisedStatistics.Of(bot, Timeline, RiskFreePercent);
        return [a.CagrPercent is { } cagr ? $"{(cagr >= 0 ? "+" : "")}{cagr.ToString("0.00", Inv)}%" : "n/a",
            $"{a.VolatilityPercent.ToString("0.00", Inv)}%", Figures.Ratio(a.Sharpe), Figures.Ratio(a.Sortino),
            a.LongestDrawdownBars == 0 ? "none" : $"{Duration(a.LongestDrawdown)} ({a.LongestDrawdownBars} bars)"];
    }

    /// <summary>E.g. <c>CAGR +5.12%, volatility 12.34%, Sharpe 0.85, Sortino 1.20, longest drawdown 43 days (30 bars)</c>.</summary>
    public string Line(BotSummary bot) => string.Join(", ", Columns.Zip(Cells(bot), (name, value) => $"{name} {value}"));

    private static string Duration(TimeSpan span) => span.TotalDays >= 1 ? $"{span.TotalDays.ToString("0.#", Inv)} days"
        : span.TotalHours >= 1 ? $"{span.TotalHours.ToString("0.#", Inv)} hours"
        : $"{span.TotalMinutes.ToString("0.#", Inv)} minutes";
}
