using System.Text;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;

namespace AkkaTrading.Console.Sweeps;

/// <summary>A sweep's report directory: <c>report.md</c> tying together the tables, <c>sweep.csv</c>, <c>best.hocon</c> and the
/// heatmap (and <c>walk-forward.csv</c> when rolled).</summary>
public static class SweepReport
{
    /// <param name="heatmap">the two axes of the heatmap, or null with a single swept parameter</param>
    /// <returns>the path of report.md</returns>
    public static string Write(string dir, PreparedSweep sweep, SweepOutcome outcome, string scenario, (int X, int Y)? heatmap)
    {
        var plan = sweep.Plan;
        File.WriteAllText(Path.Combine(dir, "sweep.csv"), SweepFiles.Csv(outcome, plan));
        File.WriteAllText(Path.Combine(dir, "best.hocon"), SweepFiles.BestHocon(outcome, sweep, scenario));
        if (outcome.Windows.Count > 0) File.WriteAllText(Path.Combine(dir, "walk-forward.csv"), SweepFiles.WalkForwardCsv(outcome, plan));
        if (heatmap is { } axes && !SweepHeatmap.Write(Path.Combine(dir, "heatmap.png"), outcome, plan, axes.X, axes.Y)) heatmap = null;

        var md = new StringBuilder();
        md.Append($"# Sweep of {plan.GridName} over {scenario}\n\n")
            .Append($"{Describe(sweep, outcome)}\n\n")
            .Append($"## The best {Math.Min(outcome.Options.Top, outcome.Rows.Count)} by {outcome.Options.Metric.Title}\n\n")
            .Append(SweepTable.Best(outcome, plan).Markdown()).Append('\n');
        if (outcome.TestSteps is { } test)
            md.Append($"Train: {outcome.RankingSteps}; test: {test}. A combination that ranks high on the training steps but falls on the " +
                "test steps was fitted to the past rather than found a rule.\n\n");
        if (outcome.Windows.Count > 0)
            md.Append($"## Walk-forward over {outcome.Windows.Count} windows\n\n")
                .Append(SweepTable.Windows(outcome, plan).Markdown()).Append('\n')
                .Append($"{WalkForwardSummary(outcome)} Every window's best {outcome.Options.Top}: `walk-forward.csv`.\n\n");
        if (heatmap is { } h)
            md.Append($"## {outcome.Options.Metric.Title} by {plan.Grid.Axes[h.X].Key} and {plan.Grid.Axes[h.Y].Key}\n\n")
                .Append("![heatmap](heatmap.png)\n\n");
        md.Append("## Files\n\n- `sweep.csv`: every combination, its rank and figures\n")
            .Append($"- `best.hocon`: the best, ready to replay: `replay {scenario} --config best.hocon`\n\n")
            .Append("```hocon\n").Append(SweepFiles.BestHocon(outcome, sweep, scenario)).Append("```\n");
        var path = Path.Combine(dir, "report.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    /// <summary>E.g. <c>120 combinations of investor (window × dip-percent: 6 × 20), ranked by return % over steps 1–700 of
    /// 1000.</c></summary>
    public static string Describe(PreparedSweep sweep, SweepOutcome outcome)
    {
        var grid = sweep.Plan.Grid;
        var axes = $"{string.Join(" × ", grid.Axes.Select(a => a.Key))}: {string.Join(" × ", grid.Axes.Select(a => a.Values.Length))}";
        return $"{grid.Count:N0} combinations of {sweep.Plan.Strategy.Name} ({axes}{(grid.Sampled ? ", sampled at random" : "")}), " +
            $"ranked by {outcome.Options.Metric.Title} over {outcome.RankingSteps} of {sweep.Steps.Count}.";
    }

    /// <summary>How the windows' winners did on their test steps against their training steps, in the metric's terms.</summary>
    public static string WalkForwardSummary(SweepOutcome outcome)
    {
        var metric = outcome.Options.Metric;
        string Average(Func<SweepWindow, SweepStatistics> figures) =>
            outcome.Windows.Select(w => metric.ValueOf(figures(w))).OfType<double>().ToList() is { Count: > 0 } values
                ? values.Average().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
        return $"The windows' winners averaged {Average(w => w.Best[0].InSample)} ({metric.Title}) on their training steps and " +
            $"{Average(w => w.Best[0].OutOfSample!)} on their test steps.";
    }
}
