using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;
using ScottPlot;

namespace AkkaTrading.Console.Report;

/// <summary>The report's PNG charts (ScottPlot).</summary>
public static class Charts
{
    private const int Width = 1000, Height = 450;

    /// <summary>
    /// A bot's equity over the run, with its drawdown (in percent) on the right axis, measured like the
    /// statistics: from the highest equity so far, starting with the initial cash.
    /// </summary>
    public static void Equity(string path, string bot, decimal initialCash, IReadOnlyList<(long Step, EquityPoint Point)> curve)
    {
        var plot = new Plot();
        var steps = curve.Select(p => (double)p.Step).ToArray();
        var equity = curve.Select(p => (double)p.Point.Equity).ToArray();
        var peak = (double)initialCash;
        var drawdown = equity.Select(e => (peak = Math.Max(peak, e)) == 0 ? 0 : -100 * (peak - e) / peak).ToArray();

        var equityLine = plot.Add.ScatterLine(steps, equity);
        equityLine.LegendText = "equity";
        equityLine.LineWidth = 2;
        var drawdownLine = plot.Add.ScatterLine(steps, drawdown);
        drawdownLine.LegendText = "drawdown % (right axis)";
        drawdownLine.Color = Colors.Red.WithAlpha(0.6);
        drawdownLine.Axes.YAxis = plot.Axes.Right;

        plot.Title($"{bot}: equity and drawdown");
        plot.XLabel("step");
        plot.YLabel("equity");
        plot.Axes.Right.Label.Text = "drawdown %";
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>An asset's price over the run with every bot's buys (▲) and sells (▼) marked on it.</summary>
    public static void Price(string path, string asset, IReadOnlyList<(long Step, decimal Price)> prices, IEnumerable<Fill> fills)
    {
        var plot = new Plot();
        var line = plot.Add.ScatterLine(prices.Select(p => (double)p.Step).ToArray(), prices.Select(p => (double)p.Price).ToArray());
        line.LegendText = asset;
        line.Color = Colors.SteelBlue;

        var ofAsset = fills.Where(f => f.Asset == asset).ToArray();
        AddMarkers(plot, ofAsset.Where(f => f.Side == Side.Buy), MarkerShape.FilledTriangleUp, Colors.Green, "buys");
        AddMarkers(plot, ofAsset.Where(f => f.Side == Side.Sell), MarkerShape.FilledTriangleDown, Colors.Red, "sells");

        plot.Title($"{asset}: price, buys and sells");
        plot.XLabel("step");
        plot.YLabel("price");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void AddMarkers(Plot plot, IEnumerable<Fill> fills, MarkerShape shape, Color color, string label)
    {
        var list = fills.ToArray();
        if (list.Length == 0) return;
        var markers = plot.Add.Markers(list.Select(f => (double)f.Step).ToArray(), list.Select(f => (double)f.Price).ToArray(), shape, 9,
            color);
        markers.LegendText = label;
    }
}
