using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using ScottPlot;

namespace AkkaTrading.Console.Sweeps;

/// <summary>
/// The metric over two swept parameters as a heatmap PNG: a cell holds the best figure among the combinations with those two
/// values (whatever the other parameters), blank where a sample drew none or the figure has no value (a Sharpe ratio of a bot that
/// never traded).
/// </summary>
public static class SweepHeatmap
{
    /// <returns>false (and nothing written) when no cell has a figure: a Sharpe ratio of bots that never traded</returns>
    public static bool Write(string path, SweepOutcome outcome, SweepPlan plan, int xAxis, int yAxis)
    {
        var metric = outcome.Options.Metric;
        var (x, y) = (plan.Grid.Axes[xAxis], plan.Grid.Axes[yAxis]);
        var cells = new double[y.Values.Length, x.Values.Length];
        var best = new int[y.Values.Length, x.Values.Length];
        for (var r = 0; r < y.Values.Length; r++)
            for (var c = 0; c < x.Values.Length; c++) (cells[r, c], best[r, c]) = (double.NaN, int.MaxValue);
        var place = new int[outcome.Rows.Count];
        for (var i = 0; i < outcome.Ranked.Count; i++) place[outcome.Ranked[i]] = i;
        for (var i = 0; i < outcome.Rows.Count; i++)
        {
            var row = outcome.Rows[i];
            var (r, c) = (y.Values.IndexOf(row.Values[yAxis]), x.Values.IndexOf(row.Values[xAxis]));
            if (place[i] >= best[r, c]) continue;
            (cells[r, c], best[r, c]) = (metric.ValueOf(row.InSample) ?? double.NaN, place[i]);
        }
        if (cells.Cast<double>().All(double.IsNaN)) return false;

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.FlipVertically = true; // row 0 (the first value) at the bottom, as on a y axis
        plot.Add.ColorBar(heatmap).Label = metric.Title;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, x.Values.Length).Select(i => (double)i)],
            [.. x.Values.Select(SweepPlan.Format)]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, y.Values.Length).Select(i => (double)i)],
            [.. y.Values.Select(SweepPlan.Format)]);
        plot.XLabel(x.Key);
        plot.YLabel(y.Key);
        plot.Title($"{metric.Title} by {x.Key} and {y.Key} (best over the other parameters)");
        plot.SavePng(path, 900, 650);
        return true;
    }
}
