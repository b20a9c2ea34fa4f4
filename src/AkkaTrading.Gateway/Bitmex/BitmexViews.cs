using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;
using static AkkaTrading.Gateway.Bitmex.BitmexMarkets;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>The exchange's prices, fills, rejections and accounts in BitMEX's rows. Ids derive from the event's seq, so a fill
/// has the same <c>orderID</c> in the order's answer, on the socket and in the history.</summary>
public sealed class BitmexViews(BitmexMarkets markets)
{
    public const decimal TickSize = 0.01m, MaxOrderQty = 1_000_000_000m;

    public BitmexMarkets Markets { get; } = markets;

    public static string OrderId(long seq) => $"00000000-0000-4000-8000-{seq:x12}";
    public static string ExecId(long seq) => $"00000000-0000-4000-9000-{seq:x12}";
    public static string MatchId(long seq) => $"00000000-0000-4000-a000-{seq:x12}";
    public static string SideName(Side side) => side == Side.Buy ? "Buy" : "Sell";

    public InstrumentRow Instrument(string symbol, Quote? quote, DateTimeOffset now)
    {
        var root = Markets.BaseOf(symbol);
        var price = quote?.Price;
        // no order book: the market fills at the source's price, so bid, ask, mark and fair price are that price
        return new InstrumentRow(symbol, root, "Open", "IFXXXP", root, root, Cash, Cash, "AKKA", (long)MaxOrderQty, 1_000_000_000m, 1m,
            TickSize, 1m, false, false, 1m, 0m, quote is not null, price, quote?.TickDirection ?? "ZeroPlusTick", "LastPrice", price,
            "LastPrice", price, price, price, price, quote?.Time ?? now);
    }

    public static InstrumentUpdate Update(string symbol, Quote quote) =>
        new(symbol, quote.Price, quote.TickDirection, quote.Price, quote.Price, quote.Price, quote.Price, quote.Price, quote.Time);

    public static TradeRow Trade(ExchangeEvent e, TradeData t, string tickDirection) => new(e.Time, t.Fill.Asset,
        SideName(t.Fill.Side), t.Fill.Quantity, t.Fill.Price, tickDirection, MatchId(e.Seq), CashUnits(t.Fill.Notional), t.Fill.Quantity,
        t.Fill.Notional, "Regular");

    public static OrderRow Order(long seq, DateTimeOffset time, long account, string? clOrdId, string text, OrderResult result)
    {
        if (result.Fill is { } f)
            return new OrderRow(OrderId(seq), clOrdId, "", account, f.Asset, SideName(f.Side), f.Quantity, f.Price, Cash, Cash, "Market",
                "ImmediateOrCancel", "", "Filled", "", false, "", 0m, f.Quantity, f.Price, text, time, time);
        var r = result.Rejection!;
        return new OrderRow(OrderId(seq), clOrdId, "", account, r.Order.Asset, SideName(r.Order.Side), r.Order.Quantity, null, Cash, Cash,
            "Market", "ImmediateOrCancel", "", "Rejected", "", false, r.Detail, 0m, 0m, null, text, time, time);
    }

    public static ExecutionRow Execution(long seq, DateTimeOffset time, long account, string? clOrdId, Fill f)
    {
        var sign = f.Side == Side.Buy ? 1m : -1m; // as BitMEX's linear instruments: a buy has a positive cost and home notional
        return new ExecutionRow(ExecId(seq), OrderId(seq), clOrdId, account, f.Asset, SideName(f.Side), f.Quantity, f.Price, f.Quantity,
            f.Price, Cash, Cash, "Trade", "Market", "ImmediateOrCancel", "Filled", "", 0m, f.Quantity, f.Price,
            f.Notional == 0m ? 0m : Math.Round(f.Fee / f.Notional, 8), MatchId(seq), sign * CashUnits(f.Notional), CashUnits(f.Fee),
            f.Quantity * sign, -f.Notional * sign, "", time, time);
    }

    public PositionRow Position(long account, string symbol, PositionSummary? p, DateTimeOffset now)
    {
        var qty = p?.Quantity ?? 0m;
        var last = p?.LastPrice;
        var entry = p is { Quantity: > 0 } ? p.AverageEntryPrice : (decimal?)null;
        return new PositionRow(account, symbol, Cash, Markets.BaseOf(symbol), Cash, 1m, false, 1m, 0m, qty,
            CashUnits(qty * (entry ?? 0m)), qty != 0m, last, last is { } l ? CashUnits(qty * l) : null, qty, -qty * (last ?? entry ?? 0m),
            entry, entry, last is { } m && entry is { } e ? CashUnits(qty * (m - e)) : null, null, last, now);
    }

    /// <summary>Every symbol's position, open or flat, so that a flat one reads as <c>currentQty 0</c>.</summary>
    public IEnumerable<PositionRow> Positions(long account, BotSummary s, DateTimeOffset now) =>
        Markets.Symbols.Select(symbol => Position(account, symbol, s.Positions.FirstOrDefault(p => p.Asset == symbol), now));

    /// <summary>The cash balance first, then each symbol's base currency in units.</summary>
    public IEnumerable<MarginRow> Margins(long account, BotSummary s, DateTimeOffset now)
    {
        var cash = CashUnits(s.Cash);
        yield return new MarginRow(account, Cash, cash, cash, cash, cash, cash, cash, 0m, 0m, 0m, CashUnits(s.FeesPaid), 0m, 0m, now);
        foreach (var symbol in Markets.Symbols)
        {
            var units = s.Positions.FirstOrDefault(p => p.Asset == symbol)?.Quantity ?? 0m;
            yield return new MarginRow(account, Markets.BaseOf(symbol), units, units, units, units, units, units, 0m, 0m, 0m, 0m, 0m, 0m,
                now);
        }
    }
}
