using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Accounts;

/// <summary>
/// A bot's cash and positions. It changes only through <see cref="Apply"/>, so cash plus holdings
/// move only by fills and their fees.
/// </summary>
public sealed class Account
{
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);

    public Account(string bot, decimal initialCash)
    {
        if (initialCash < 0) throw new ArgumentOutOfRangeException(nameof(initialCash), initialCash, "initial cash must not be negative");
        Bot = bot;
        InitialCash = initialCash;
        Cash = initialCash;
        Performance = new PerformanceTracker(initialCash);
    }

    public string Bot { get; }
    public decimal InitialCash { get; }
    public decimal Cash { get; private set; }
    public int TradeCount { get; private set; }
    public decimal FeesPaid { get; private set; }
    public PerformanceTracker Performance { get; }

    /// <summary>Open positions by asset (no particular order).</summary>
    public IReadOnlyDictionary<string, Position> Positions => _positions;

    public Position PositionIn(string asset) => _positions.GetValueOrDefault(asset, Position.Flat);

    /// <summary>Why this account cannot take the order at this price, or null when it can.</summary>
    /// <remarks>The answer carries the cash or units required and available, where they apply.</remarks>
    public (RejectReason Reason, decimal Required, decimal Available)? Check(Order order, decimal price, decimal feePercent)
    {
        if (order.Quantity <= 0m || decimal.Truncate(order.Quantity) != order.Quantity)
            return (RejectReason.InvalidQuantity, order.Quantity, 0m);
        if (order.Side == Side.Buy)
        {
            var cost = order.Quantity * price;
            var needed = cost + Fees.For(cost, feePercent);
            if (needed > Cash)
                return (RejectReason.InsufficientCash, needed, Cash);
        }
        else
        {
            var held = PositionIn(order.Asset).Quantity;
            if (order.Quantity > held)
                return (RejectReason.InsufficientPosition, order.Quantity, held);
        }
        return null;
    }

    /// <summary>
    /// Ends a step: values the holdings at the current prices (at their entry price where an asset has
    /// none), updates the performance and returns the holdings' value.
    /// </summary>
    public decimal CloseStep(Func<string, decimal?> currentPrice)
    {
        var holdings = 0m;
        foreach (var (asset, position) in _positions)
            holdings += position.Quantity * (currentPrice(asset) ?? position.AverageEntryPrice);
        Performance.OnStep(Cash + holdings, _positions.Count > 0);
        return holdings;
    }

    public void Apply(Fill fill)
    {
        if (fill.Side == Side.Buy)
        {
            Cash -= fill.Notional + fill.Fee;
            _positions[fill.Asset] = PositionIn(fill.Asset).Bought(fill.Quantity, fill.Price);
        }
        else
        {
            Cash += fill.Notional - fill.Fee;
            var rest = PositionIn(fill.Asset).Sold(fill.Quantity);
            if (rest.IsFlat) _positions.Remove(fill.Asset);
            else _positions[fill.Asset] = rest;
        }
        FeesPaid += fill.Fee;
        TradeCount++;
        Performance.OnFill(fill);
    }
}

public static class Fees
{
    public static decimal For(decimal notional, decimal feePercent) => feePercent == 0m ? 0m : notional * feePercent / 100m;
}
