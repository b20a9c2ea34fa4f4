namespace AkkaTrading.Domain.Trading;

public enum Side { Buy, Sell }

/// <summary>A market order: buy or sell <see cref="Quantity"/> units of an asset at the current price.</summary>
public sealed record Order(string Bot, string Asset, Side Side, decimal Quantity);

/// <summary>An executed order. <see cref="Fee"/> is paid in cash on top of (buy) or out of (sell) the notional.</summary>
public sealed record Fill(long Step, string Bot, string Asset, Side Side, decimal Quantity, decimal Price, decimal Fee)
{
    public decimal Notional => Quantity * Price;
}

public enum RejectReason { UnknownBot, UnknownAsset, NoPrice, InvalidQuantity, InsufficientCash, InsufficientPosition }

public sealed record Rejection(long Step, Order Order, RejectReason Reason, string Detail);

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
