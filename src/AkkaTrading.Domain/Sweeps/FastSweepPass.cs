using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// <see cref="SweepPass"/> for Investors and Hamsters with their decisions in integers: prices as 64-bit integers at one scale,
/// one rolling maximum per asset and window length shared by the bots that use it, thresholds derived once per fill, the
/// bots' state in arrays, and only accounts that hold something valued at each step. Orders, fills and accounts stay the
/// exchange's own decimal rules (<see cref="Account"/>); fills are rare next to decisions.
/// </summary>
public static class FastSweepPass
{
    /// <returns>exactly what <see cref="SweepPass"/>'s reference path returns, or null when that cannot be guaranteed: another
    /// strategy, one already used, prices or settings whose scale makes an integer stand-in inexact, amounts that could overflow
    /// one (also found mid-run), or a corner case of the exchange's rules (unknown asset, unrecorded price, two prices of an
    /// asset in one step)</returns>
    public static BotSummary[]? TryRun(IReadOnlyList<string> assets, int historySize, decimal feePercent, IReadOnlyList<PlainBot> bots,
        IReadOnlyList<ScenarioStep> steps, StepRange range)
    {
        if (historySize < 1 || feePercent is < 0m or > 100m || range.From < 0 || range.To > steps.Count || range.Count < 0) return null;
        var assetIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var asset in assets) assetIndex.TryAdd(asset, assetIndex.Count);
        if (FastPrices.TryBuild(assetIndex, steps, range) is not { } prices) return null;

        var plans = new FastBotPlan[bots.Count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var strategies = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var moneyScale = Math.Max(prices.MaxGivenScale, feePercent == 0m ? 0 : prices.MaxGivenScale + feePercent.Scale + 2);
        for (var i = 0; i < bots.Count; i++)
        {
            var bot = bots[i];
            if (!names.Add(bot.Name) || !strategies.Add(bot.Strategy)) return null;
            if (bot.InitialCash is < 0m or > LedgerLimits.MaxCash || decimal.IsNegative(bot.InitialCash)) return null;
            if (FastBotPlan.Of(bot.Strategy) is not { } plan || !plan.WindowProductExact(prices)) return null;
            plans[i] = plan;
            moneyScale = Math.Max(moneyScale, bot.InitialCash.Scale);
        }
        if (moneyScale > FixedPoint.MaxScale) return null;
        return FastSweepRun.TryCreate(assetIndex, feePercent, bots, plans, prices, moneyScale)?.TryRun(steps, range);
    }
}
