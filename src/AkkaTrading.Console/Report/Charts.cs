using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;
using ScottPlot;

namespace AkkaTrading.Console.Report;

/// <summary>The report's PNG charts (ScottPlot). The x axis shows dates when the points have times (market data), else steps.</summary>
public static class Charts
{
    private const int Width = 1000, Height = 450;

    private static double X(long step, DateTime? time) => time?.ToOADate() ?? step;

    private static void LabelX(Plot plot, bool dated)
    {
        // ISO dates, as in the CSVs, rather than the culture's (ScottPlot's default reads 01/02/2024 either way round).
        if (dated) plot.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm",
                System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.XLabel(dated ? "date" : "step");
    }

    /// <summary>
    /// A bot's equity over the run, with its drawdown (in percent) on the right axis, measured like the
    /// statistics: from the highest equity so far, starting with the initial cash.
    /// </summary>
    public static void Equity(string path, string bot, decimal initialCash,
        IReadOnlyList<(long Step, DateTime? Time, EquityPoint Point)> curve)
    {
        var plot = new Plot();
        var steps = curve.Select(p => X(p.Step, p.Time)).ToArray();
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
        LabelX(plot, curve.Count > 0 && curve[0].Time is not null);
        plot.YLabel("equity");
        plot.Axes.Right.Label.Text = "drawdown %";
        plot.ShowLegend(Alignment.LowerLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>An asset's price over the run with every bot's buys (▲) and sells (▼) marked on it.</summary>
    public static void Price(string path, string asset, IReadOnlyList<(long Step, DateTime? Time, decimal Price)> prices,
        IEnumerable<Fill> fills)
    {
        var plot = new Plot();
        var line = plot.Add.ScatterLine(prices.Select(p => X(p.Step, p.Time)).ToArray(), prices.Select(p => (double)p.Price).ToArray());
        line.LegendText = asset;
        line.Color = Colors.SteelBlue;

        var ofAsset = fills.Where(f => f.Asset == asset).ToArray();
        AddMarkers(plot, ofAsset.Where(f => f.Side == Side.Buy), MarkerShape.FilledTriangleUp, Colors.Green, "buys");
        AddMarkers(plot, ofAsset.Where(f => f.Side == Side.Sell), MarkerShape.FilledTriangleDown, Colors.Red, "sells");

        plot.Title($"{asset}: price, buys and sells");
        LabelX(plot, prices.Count > 0 && prices[0].Time is not null);
        plot.YLabel("price");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void AddMarkers(Plot plot, IEnumerable<Fill> fills, MarkerShape shape, Color color, string label)
    {
        var list = fills.ToArray();
        if (list.Length == 0) return;
        var markers = plot.Add.Markers(list.Select(f => X(f.Step, f.Time)).ToArray(), list.Select(f => (double)f.Price).ToArray(), shape,
            9, color);
        markers.LegendText = label;
    }
}
