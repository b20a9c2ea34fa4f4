using AkkaTrading.Domain.Reporting;
using Spectre.Console;
using Spectre.Console.Rendering;
using static AkkaTrading.Console.Output.StatisticsTables;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Console.Output;

/// <summary>The in-place view of a live run: prices with their change and trend, the bots, the last trades.</summary>
public sealed class LiveView
{
    private readonly Dictionary<string, decimal> _previous = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _trend = new(StringComparer.Ordinal);

    public IRenderable Render(Snapshot snapshot, TimeSpan left)
    {
        var prices = new Table().Title($"live — {snapshot.Steps} prices, {left.TotalSeconds:0}s left (Ctrl+C stops)")
            .Border(TableBorder.Rounded)
            .AddColumns("asset", "price", "since start", "trend");
        foreach (var asset in snapshot.Assets.OrderBy(a => a.Asset, StringComparer.Ordinal))
        {
            if (_previous.TryGetValue(asset.Asset, out var before) && before != asset.Last)
            {
                var trend = _trend.GetValueOrDefault(asset.Asset, "") + (asset.Last > before ? "▲" : "▼");
                _trend[asset.Asset] = trend.Length > 8 ? trend[^8..] : trend; // the last 8 moves
            }
            _previous[asset.Asset] = asset.Last;
            prices.AddRow(Markup.Escape(asset.Asset), Money(asset.Last), Percent(asset.ReturnPercent),
                Colour(_trend.GetValueOrDefault(asset.Asset, "")));
        }

        var bots = new Table().Border(TableBorder.Rounded).AddColumns("bot", "cash", "positions", "equity", "P/L", "trades");
        foreach (var b in snapshot.Bots)
            bots.AddRow(Markup.Escape(b.Bot), Money(b.Cash),
                Markup.Escape(string.Join(", ", b.Positions.Select(p => $"{p.Quantity} {p.Asset}"))),
                Money(b.Equity), Signed(b.ProfitLoss), $"{b.Trades}");

        var trades = new Table().Title("last trades").Border(TableBorder.Rounded).AddColumns("step", "trade");
        foreach (var fill in snapshot.RecentTrades.Reverse())
            trades.AddRow($"{fill.Step}", Markup.Escape(TradeLog.Describe(fill)));

        return new Rows(prices, bots, trades);
    }

    private static string Colour(string trend) => string.Concat(trend.Select(c => c == '▲' ? "[green]▲[/]" : "[red]▼[/]"));
}
