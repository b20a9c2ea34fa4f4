using AkkaTrading.Domain.Reporting;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// What a sweep says of one combination over a range of steps: the figures a replay's summary shows for its bot.
/// </summary>
/// <param name="Sharpe">the mean step return over its standard deviation, per year when the steps have timestamps (× √bars a
/// year, above the configured risk-free rate), else per step; null when the returns never vary</param>
public sealed record SweepStatistics(decimal ReturnPercent, decimal ProfitLoss, decimal MaxDrawdownPercent, decimal WinRatePercent,
    long Trades, long RoundTrips, decimal Equity, double? Sharpe)
{
    /// <param name="barsPerYear">from the scenario's timeline (null: a scenario of steps only, Sharpe per step)</param>
    /// <param name="riskFreePercent">the yearly risk-free rate, counted only with a timeline</param>
    public static SweepStatistics Of(BotSummary bot, double? barsPerYear, decimal riskFreePercent)
    {
        var p = bot.Performance;
        var sharpe = barsPerYear is { } bars ? AnnualisedStatistics.SharpeOf(p, bars, riskFreePercent)
            : p.ReturnStdDev > 0 ? p.MeanReturn / p.ReturnStdDev : (double?)null;
        return new SweepStatistics(bot.ReturnPercent, bot.ProfitLoss, p.MaxDrawdownPercent, p.WinRatePercent, bot.Trades, p.RoundTrips,
            bot.Equity, sharpe);
    }
}
