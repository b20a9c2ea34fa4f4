using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Gateway.Wire;

/// <summary>Every event on every transport: <c>{seq, time, type, data}</c>; <see cref="Seq"/> is the exchange's sequence number.</summary>
public sealed record Envelope(long Seq, DateTimeOffset Time, string Type, object Data);

public sealed record PriceMessage(string Asset, decimal Price);

/// <summary>A trade as everyone sees it: who bought or sold what at what price.</summary>
public sealed record TradeMessage(string Bot, string Asset, string Side, decimal Quantity, decimal Price, decimal Fee);

/// <summary>A bot's own trade, with the client order id it gave.</summary>
public sealed record FillMessage(string Asset, string Side, decimal Quantity, decimal Price, decimal Fee, string? ClientOrderId);

/// <summary>A bot's own order that the exchange refused: a stable reason code and the reason in words.</summary>
public sealed record RejectionMessage(string Asset, string Side, decimal Quantity, string Reason, string Message, string? ClientOrderId);

/// <summary>A market order as it arrives over the wire; the bot is whoever the token belongs to.</summary>
public sealed record OrderRequest(string? Asset, string? Side, decimal? Quantity, string? ClientOrderId);

/// <summary>An error answer: a stable code and a message for people.</summary>
public sealed record ErrorMessage(string Error, string Message);

public sealed record AssetMessage(string Asset, decimal? Price);

public sealed record HistoryMessage(string Asset, IReadOnlyList<decimal> Prices);

public sealed record PositionMessage(string Asset, decimal Quantity, decimal AverageEntryPrice, decimal? LastPrice, decimal Value);

public sealed record AccountMessage(string Bot, decimal InitialCash, decimal Cash, decimal Equity, decimal ProfitLoss, long Trades,
    decimal FeesPaid,
    IReadOnlyList<PositionMessage> Positions)
{
    public static AccountMessage Of(BotSummary s) => new(s.Bot, s.InitialCash, s.Cash, s.Equity, s.ProfitLoss, s.Trades, s.FeesPaid,
        [.. s.Positions.Select(p => new PositionMessage(p.Asset, p.Quantity, p.AverageEntryPrice, p.LastPrice, p.Value))]);
}

/// <summary>Every bot's account (the public overview); <see cref="Seq"/>: it includes at least the events up to this one.</summary>
public sealed record AccountsMessage(long Seq, IReadOnlyList<AccountMessage> Accounts);

public static class WireNames
{
    public static string Side(Side side) => side == Domain.Trading.Side.Buy ? "buy" : "sell";

    public static string Reason(RejectReason reason) => reason switch
    {
        RejectReason.UnknownBot => "unknown_bot",
        RejectReason.UnknownAsset => "unknown_asset",
        RejectReason.NoPrice => "no_price",
        RejectReason.InvalidQuantity => "invalid_quantity",
        RejectReason.InsufficientCash => "insufficient_cash",
        RejectReason.InsufficientPosition => "insufficient_position",
        RejectReason.ExceedsLimits => "exceeds_limits",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
