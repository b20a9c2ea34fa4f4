using AkkaTrading.Domain.Accounts;

namespace AkkaTrading.Domain.Reporting;

public sealed record PositionSummary(string Asset, decimal Quantity, decimal AverageEntryPrice, decimal? LastPrice, decimal Value);

/// <summary>A bot's standing at the end of a run, valued at the last known prices.</summary>
public sealed record BotSummary(
    string Bot, decimal InitialCash, decimal Cash, IReadOnlyList<PositionSummary> Positions,
    decimal Equity, decimal ProfitLoss, long Trades, decimal FeesPaid, Performance Performance)
{
    /// <summary>The profit or loss in percent of the initial cash (0 without any; saturated from a tiny one).</summary>
    public decimal ReturnPercent => ExactDecimal.SaturatingPercent(ProfitLoss, InitialCash);

    /// <summary>Values every open position at its asset's last price (at its entry price if the asset never had one).</summary>
    /// <param name="performance">the bot's statistics (none yet when not given)</param>
    public static BotSummary Of(Account account, IReadOnlyDictionary<string, decimal> lastPrices, Performance? performance = null)
    {
        var positions = account.Positions
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p =>
            {
                var last = lastPrices.TryGetValue(p.Key, out var price) ? price : (decimal?)null;
                var value = p.Value.Quantity * (last ?? p.Value.AverageEntryPrice);
                return new PositionSummary(p.Key, p.Value.Quantity, p.Value.AverageEntryPrice, last, value);
            })
            .ToArray();
        var equity = account.Cash + positions.Sum(p => p.Value);
        return new BotSummary(account.Bot, account.InitialCash, account.Cash, positions, equity, equity - account.InitialCash,
            account.TradeCount, account.FeesPaid, performance ?? new PerformanceTracker(account.InitialCash).Result());
    }
}
