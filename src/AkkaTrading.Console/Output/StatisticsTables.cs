using System.Globalization;
using Spectre.Console;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Console.Output;

/// <summary>The end-of-run statistics as Spectre.Console tables, for a terminal: per bot and in total, positions, assets.</summary>
public static class StatisticsTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, Snapshot snapshot, string title, TimedStatistics? timed = null)
    {
        var bots = new Table().Title($"[bold]{Markup.Escape(title)}[/]").Border(TableBorder.Rounded);
        foreach (var column in new[] { "bot", "start cash", "cash", "holdings", "equity", "P/L", "return", "trades", "round trips",
            "win rate", "avg win", "avg loss", "max drawdown", "exposure", "fees" })
            bots.AddColumn(new TableColumn(column) { Alignment = column == "bot" ? Justify.Left : Justify.Right });
        foreach (var b in snapshot.Bots)
        {
            var p = b.Performance;
            bots.AddRow(Markup.Escape(b.Bot), Money(b.InitialCash), Money(b.Cash), Money(b.Positions.Sum(x => x.Value)), Money(b.Equity),
                Signed(b.ProfitLoss),
                Percent(b.ReturnPercent), $"{b.Trades}", $"{p.RoundTrips}", $"{p.WinRatePercent.ToString("0.0", Inv)}%",
                    Money(p.AverageWin), Money(p.AverageLoss),
                $"{Money(p.MaxDrawdown)} ({p.MaxDrawdownPercent.ToString("0.00", Inv)}%)", $"{p.ExposurePercent.ToString("0.0", Inv)}%",
                    Money(b.FeesPaid));
        }
        var start = snapshot.Bots.Sum(b => b.InitialCash);
        var pnl = snapshot.Bots.Sum(b => b.ProfitLoss);
        bots.AddRow("[bold]total[/]", Money(start), Money(snapshot.Bots.Sum(b => b.Cash)),
            Money(snapshot.Bots.Sum(b => b.Positions.Sum(x => x.Value))),
            Money(snapshot.Bots.Sum(b => b.Equity)), Signed(pnl), Percent(start == 0 ? 0 : pnl / start * 100),
                $"{snapshot.Bots.Sum(b => b.Trades)}",
            $"{snapshot.Bots.Sum(b => b.Performance.RoundTrips)}", "", "", "", "", "", Money(snapshot.Bots.Sum(b => b.FeesPaid)));
        console.Write(bots);

        if (timed is not null)
        {
            // The period on a line of its own: as the table's title it would wrap to the table's narrow width.
            console.WriteLine(timed.Period);
            var annualised = new Table().Title("annualised").Border(TableBorder.Rounded).AddColumn("bot");
            foreach (var column in TimedStatistics.Columns) annualised.AddColumn(new TableColumn(column) { Alignment = Justify.Right });
            foreach (var b in snapshot.Bots) annualised.AddRow([Markup.Escape(b.Bot), .. timed.Cells(b)]);
            console.Write(annualised);
        }

        var positions = new Table().Title("positions at the last prices").Border(TableBorder.Rounded)
            .AddColumns("bot", "asset", "quantity", "avg entry", "last", "value");
        foreach (var b in snapshot.Bots)
            foreach (var p in b.Positions)
                positions.AddRow(Markup.Escape(b.Bot), Markup.Escape(p.Asset), p.Quantity.ToString(Inv), Money(p.AverageEntryPrice),
                    p.LastPrice is { } l ? Money(l) : "n/a", Money(p.Value));
        if (positions.Rows.Count > 0) console.Write(positions);

        var assets = new Table().Title("assets (buy & hold: first to last price)").Border(TableBorder.Rounded)
            .AddColumns("asset", "first", "last", "min", "max", "buy & hold");
        foreach (var a in snapshot.Assets.OrderBy(a => a.Asset, StringComparer.Ordinal))
            assets.AddRow(Markup.Escape(a.Asset), Money(a.First), Money(a.Last), Money(a.Min), Money(a.Max), Percent(a.ReturnPercent));
        console.Write(assets);
    }

    internal static string Money(decimal value) => Figures.Money(value);
    internal static string Signed(decimal value) => Coloured(value, Figures.Signed(value));
    internal static string Percent(decimal value) => Coloured(value, Figures.Percent(value));

    // gains green, losses red
    private static string Coloured(decimal value, string text) => value >= 0 ? $"[green]{text}[/]" : $"[red]{text}[/]";
}
