using System.Globalization;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Reporting;

/// <summary>
/// The trade log CSV: one row per fill, invariant-culture numbers, in execution order. A scenario with timestamps adds
/// a last column, <c>time</c>: the fill's step's timestamp in ISO 8601, written as its <see cref="Timeline"/> writes it.
/// </summary>
public static class TradeLog
{
    public const string Header = "step,bot,side,asset,quantity,price,fee";

    public static string HeaderFor(Timeline? timeline) => timeline is null ? Header : Header + ",time";

    public static string Row(Fill fill, Timeline? timeline = null) => string.Create(CultureInfo.InvariantCulture,
        $"{fill.Step},{fill.Bot},{SideText(fill.Side)},{fill.Asset},{fill.Quantity},{fill.Price},{fill.Fee}") +
        (timeline is not null && fill.Time is { } time ? "," + timeline.Format(time) : "");

    /// <summary>The readable transaction line, e.g. <c>BUY investor 7 ORCL @ 118.42</c>.</summary>
    public static string Describe(Fill fill) => string.Create(CultureInfo.InvariantCulture,
        $"{SideText(fill.Side)} {fill.Bot} {fill.Quantity} {fill.Asset} @ {fill.Price}");

    public static string SideText(Side side) => side == Side.Buy ? "BUY" : "SELL";
}
