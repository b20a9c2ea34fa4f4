using System.Globalization;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Reporting;

/// <summary>The trade log CSV: one row per fill, invariant-culture numbers, in execution order.</summary>
public static class TradeLog
{
    public const string Header = "step,bot,side,asset,quantity,price,fee";

    public static string Row(Fill fill) => string.Create(CultureInfo.InvariantCulture,
        $"{fill.Step},{fill.Bot},{SideText(fill.Side)},{fill.Asset},{fill.Quantity},{fill.Price},{fill.Fee}");

    /// <summary>The readable transaction line, e.g. <c>BUY investor 7 ORCL @ 118.42</c>.</summary>
    public static string Describe(Fill fill) => string.Create(CultureInfo.InvariantCulture,
        $"{SideText(fill.Side)} {fill.Bot} {fill.Quantity} {fill.Asset} @ {fill.Price}");

    public static string SideText(Side side) => side == Side.Buy ? "BUY" : "SELL";
}
