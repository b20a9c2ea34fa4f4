using AkkaTrading.Domain.Accounts;
using static System.FormattableString;

namespace AkkaTrading.Domain.Trading;

public enum Side { Buy, Sell }

/// <summary>A market order: buy or sell <see cref="Quantity"/> units of an asset at the current price.</summary>
public sealed record Order(string Bot, string Asset, Side Side, decimal Quantity);

/// <summary>
/// An executed order. <see cref="Fee"/> is paid in cash on top of (buy) or out of (sell) the notional. <see cref="Time"/> is
/// its step's timestamp in a replay of market data, null otherwise.
/// </summary>
public sealed record Fill(long Step, string Bot, string Asset, Side Side, decimal Quantity, decimal Price, decimal Fee,
    DateTime? Time = null)
{
    public decimal Notional => Quantity * Price;
}

public enum RejectReason { UnknownBot, UnknownAsset, NoPrice, InvalidQuantity, InsufficientCash, InsufficientPosition, ExceedsLimits }

/// <summary>
/// Why an order was not filled. <see cref="Required"/> and <see cref="Available"/> are the cash or units at stake, where
/// they apply (for <see cref="RejectReason.ExceedsLimits"/>: the units bought and the room left, or the cash a sale
/// would reach and the most supported, or zeros when the amounts need more digits than decimal keeps).
/// </summary>
public sealed record Rejection(long Step, Order Order, RejectReason Reason, decimal Required = 0m, decimal Available = 0m)
{
    /// <summary>The reason in words, e.g. <c>needs 1125.00 but has 200.00</c>.</summary>
    public string Detail => Reason switch
    {
        RejectReason.UnknownBot => $"bot '{Order.Bot}' has no account",
        RejectReason.UnknownAsset => $"asset '{Order.Asset}' is not traded here",
        RejectReason.NoPrice => $"asset '{Order.Asset}' has no price yet",
        RejectReason.InvalidQuantity => Invariant($"quantity {Order.Quantity} is not a positive whole number"),
        RejectReason.InsufficientCash => Invariant($"needs {Required} but has {Available}"),
        RejectReason.InsufficientPosition => Invariant($"sells {Order.Quantity} {Order.Asset} but holds {Available}"),
        _ => "exceeds the largest position or cash supported: " + Required switch
        {
            0m => "its amounts need more digits than the ledger keeps exactly",
            _ when Order.Side == Side.Buy =>
                Invariant($"buys {Order.Quantity} {Order.Asset}, room for {Available} (at most {LedgerLimits.MaxPosition})"),
            _ => Invariant($"cash would reach {Required}, at most {Available}"),
        },
    };
}

/// <summary>What became of an order: exactly one of <see cref="Fill"/> and <see cref="Rejection"/> is set.</summary>
public readonly record struct OrderResult(Fill? Fill, Rejection? Rejection)
{
    public static OrderResult Filled(Fill fill) => new(fill, null);
    public static OrderResult Rejected(Rejection rejection) => new(null, rejection);
}

/// <summary>What a strategy wants to do with one asset after seeing its price.</summary>
public readonly record struct TradeIntent(Side Side, decimal Quantity)
{
    public static TradeIntent Buy(decimal quantity) => new(Side.Buy, quantity);
    public static TradeIntent Sell(decimal quantity) => new(Side.Sell, quantity);
}
