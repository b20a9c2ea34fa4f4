using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Reporting;

/// <summary>
/// A bot's figures per year over a replay of market data, as LEAN, backtrader and NautilusTrader report them. Null where a
/// figure has no meaning: CAGR over no time or without starting cash, a ratio over returns that never vary.
/// </summary>
/// <param name="CagrPercent">compound annual growth rate: the constant yearly return that turns the initial cash into the final
/// equity over the calendar period covered</param>
/// <param name="VolatilityPercent">the standard deviation of the step returns, scaled to a year (× √bars per year)</param>
/// <param name="Sharpe">the mean step return above the risk-free rate over their standard deviation, scaled to a year</param>
/// <param name="Sortino">the same over the downside deviation (only losing steps count as risk)</param>
/// <param name="LongestDrawdown">the longest time from a high of equity until it is regained (or the run ends)</param>
/// <param name="LongestDrawdownBars">the same counted in bars</param>
public sealed record AnnualisedStatistics(
    double? CagrPercent, double VolatilityPercent, double? Sharpe, double? Sortino, TimeSpan LongestDrawdown, long LongestDrawdownBars)
{
    /// <param name="riskFreePercent">the yearly risk-free rate in percent, spread over the bars of a year by compounding</param>
    public static AnnualisedStatistics Of(BotSummary bot, Timeline timeline, decimal riskFreePercent)
    {
        var p = bot.Performance;
        var barsPerYear = timeline.BarsPerYear;
        var years = timeline.Years;
        double? cagr = years > 0 && bot.InitialCash > 0m && bot.Equity >= 0m
            ? (Math.Pow((double)bot.Equity / (double)bot.InitialCash, 1 / years) - 1) * 100
            : null;
        var excess = p.MeanReturn - RiskFreePerBar(riskFreePercent, barsPerYear);
        var scale = Math.Sqrt(barsPerYear);
        return new AnnualisedStatistics(cagr, p.ReturnStdDev * scale * 100, SharpeOf(p, barsPerYear, riskFreePercent),
            p.DownsideDeviation > 0 ? excess / p.DownsideDeviation * scale : null,
            p.LongestDrawdownTime, p.LongestDrawdownSteps);
    }

    /// <summary>The Sharpe ratio per year of a run's step returns; null when they never vary.</summary>
    public static double? SharpeOf(Performance p, double barsPerYear, decimal riskFreePercent) => p.ReturnStdDev > 0
        ? (p.MeanReturn - RiskFreePerBar(riskFreePercent, barsPerYear)) / p.ReturnStdDev * Math.Sqrt(barsPerYear)
        : null;

    private static double RiskFreePerBar(decimal riskFreePercent, double barsPerYear) =>
        Math.Pow(1 + (double)riskFreePercent / 100, 1 / barsPerYear) - 1;
}
