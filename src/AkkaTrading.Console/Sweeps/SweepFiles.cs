using System.Globalization;
using System.Text;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;

namespace AkkaTrading.Console.Sweeps;

/// <summary>
/// A sweep's files: <c>sweep.csv</c> (every combination), <c>walk-forward.csv</c> (when rolled), <c>best.hocon</c> (the winner,
/// ready for <c>replay --config</c>). Numbers are written in full, invariant and without trailing zeros, so the same sweep gives
/// the same bytes.
/// </summary>
public static class SweepFiles
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Figures =
        ["return_percent", "profit_loss", "max_drawdown_percent", "win_rate_percent", "trades", "round_trips", "equity", "sharpe"];

    public static string Csv(SweepOutcome outcome, SweepPlan plan)
    {
        var keys = plan.Grid.Axes.Select(a => a.Key).ToList();
        var split = outcome.TestSteps is not null;
        var rank = new int[outcome.Rows.Count];
        for (var i = 0; i < outcome.Ranked.Count; i++) rank[outcome.Ranked[i]] = i + 1;
        var csv = new StringBuilder();
        csv.AppendJoin(',', ["combination", .. keys, "rank", .. Figures]);
        if (split) csv.Append(',').AppendJoin(',', Figures.Select(f => "test_" + f));
        csv.Append('\n');
        for (var i = 0; i < outcome.Rows.Count; i++)
        {
            var row = outcome.Rows[i];
            csv.AppendJoin(',', [$"c{row.Combination}", .. row.Values.Select(SweepPlan.Format), $"{rank[i]}", .. Values(row.InSample)]);
            if (split) csv.Append(',').AppendJoin(',', row.OutOfSample is { } test ? Values(test) : Figures.Select(_ => ""));
            csv.Append('\n');
        }
        return csv.ToString();
    }

    public static string WalkForwardCsv(SweepOutcome outcome, SweepPlan plan)
    {
        var keys = plan.Grid.Axes.Select(a => a.Key).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', ["walk_forward_window", "train_from", "train_to", "test_from", "test_to", "rank", "combination", .. keys,
            .. Figures,
            .. Figures.Select(f => "test_" + f)]).Append('\n');
        foreach (var w in outcome.Windows)
            for (var r = 0; r < w.Best.Count; r++)
            {
                var row = w.Best[r];
                csv.AppendJoin(',', [$"{w.Number}", $"{w.Train.From + 1}", $"{w.Train.To}", $"{w.Test.From + 1}", $"{w.Test.To}",
                    $"{r + 1}", $"c{row.Combination}", .. row.Values.Select(SweepPlan.Format), .. Values(row.InSample),
                    .. Values(row.OutOfSample!)]).Append('\n');
            }
        return csv.ToString();
    }

    /// <summary>The best combination as a configuration: the exchange's settings of the sweep and one bot with every setting written
    /// out, so that <c>replay SCENARIO --config best.hocon</c> replays exactly it.</summary>
    public static string BestHocon(SweepOutcome outcome, PreparedSweep sweep, string scenario)
    {
        var best = outcome.Rows[outcome.Ranked[0]];
        var plan = sweep.Plan;
        var settings = sweep.Config.Settings;
        var assets = plan.EveryAsset ? "all" : $"[{string.Join(", ", plan.AssetsIn(sweep.Assets))}]";
        var text = new StringBuilder();
        text.Append($"# The best of {plan.Grid.Count} combinations of {plan.GridName} over {scenario} by {outcome.Options.Metric.Name}")
            .Append(outcome.TestSteps is { } ? $" on its {outcome.RankingSteps} (of {sweep.Steps.Count}; a replay covers them all)" : "")
            .Append(":\n")
            .Append($"#   replay {scenario} --config best.hocon\n")
            .Append("akka-trading {\n")
            .Append(Inv, $"  exchange {{ history-size = {settings.Exchange.HistorySize}, ")
            .Append(Inv, $"fee-percent = {settings.Exchange.FeePercent} }}\n");
        if (settings.Statistics.RiskFreeRatePercent != 0m)
            text.Append(Inv, $"  statistics {{ risk-free-rate-percent = {settings.Statistics.RiskFreeRatePercent} }}\n");
        text.Append("  bots = [\n")
            .Append(Inv, $"    {{ name = best, strategy = {plan.Strategy.Name}, assets = {assets}, initial-cash = {plan.InitialCash},\n")
            .Append("      settings { ")
            .AppendJoin(", ", plan.EffectiveSettings(best.Combination).Select(s => $"{s.Key} = {s.Value}"))
            .Append(" } }\n  ]\n}\n");
        return text.ToString();
    }

    private static IEnumerable<string> Values(SweepStatistics s) =>
    [
        SweepPlan.Format(s.ReturnPercent), SweepPlan.Format(s.ProfitLoss), SweepPlan.Format(s.MaxDrawdownPercent),
        SweepPlan.Format(s.WinRatePercent), s.Trades.ToString(Inv), s.RoundTrips.ToString(Inv), SweepPlan.Format(s.Equity),
        s.Sharpe?.ToString("R", Inv) ?? "",
    ];
}
