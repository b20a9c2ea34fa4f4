using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Accounts;

/// <summary>
/// A bot's cash and positions. It changes only through <see cref="Apply"/>, so cash plus holdings
/// move only by fills and their fees. How the bot performs is not kept here: statistics follow the fills
/// (<see cref="Reporting.BotStatistics"/>).
/// </summary>
public sealed class Account
{
    private readonly Dictionary<string, Position> _positions = new(StringComparer.Ordinal);

    public Account(string bot, decimal initialCash)
    {
        if (initialCash is < 0m or > LedgerLimits.MaxCash)
            throw new ArgumentOutOfRangeException(nameof(initialCash), initialCash,
                $"initial cash must be within 0..{LedgerLimits.MaxCash}");
        Bot = bot;
        InitialCash = initialCash;
        Cash = initialCash;
    }

    public string Bot { get; }
    public decimal InitialCash { get; }
    public decimal Cash { get; private set; }
    public long TradeCount { get; private set; }
    public decimal FeesPaid { get; private set; }

    /// <summary>Open positions by asset (no particular order).</summary>
    public IReadOnlyDictionary<string, Position> Positions => _positions;

    public Position PositionIn(string asset) => _positions.GetValueOrDefault(asset, Position.Flat);

    /// <summary>Why this account cannot take the order at this price, or null when it can.</summary>
    /// <remarks>
    /// The answer carries the cash or units required and available, where they apply. An order whose fill would take
    /// the account beyond <see cref="LedgerLimits"/>, or whose amounts decimal could not hold exactly, is refused with
    /// <see cref="RejectReason.ExceedsLimits"/>: every fill moves cash by exactly its notional and fee.
    /// </remarks>
    public (RejectReason Reason, decimal Required, decimal Available)? Check(Order order, decimal price, decimal feePercent)
    {
        if (order.Quantity <= 0m || decimal.Truncate(order.Quantity) != order.Quantity)
            return (RejectReason.InvalidQuantity, order.Quantity, 0m);
        if (order.Side == Side.Sell && order.Quantity > PositionIn(order.Asset).Quantity)
            return (RejectReason.InsufficientPosition, order.Quantity, PositionIn(order.Asset).Quantity);
        if (order.Side == Side.Buy && order.Quantity > LedgerLimits.MaxPosition - PositionIn(order.Asset).Quantity)
            return (RejectReason.ExceedsLimits, order.Quantity, LedgerLimits.MaxPosition - PositionIn(order.Asset).Quantity);
        if (!ExactDecimal.TryMultiply(order.Quantity, price, out var notional))
            return (RejectReason.ExceedsLimits, 0m, 0m);
        var fee = Fees.For(notional, feePercent);
        if (Book(order.Side, notional, fee) is not { } booked)
            return (RejectReason.ExceedsLimits, 0m, 0m);
        if (booked.Cash < 0m)
            return (RejectReason.InsufficientCash, notional + fee, Cash);
        if (booked.Cash > LedgerLimits.MaxCash)
            return (RejectReason.ExceedsLimits, booked.Cash, LedgerLimits.MaxCash);
        return null;
    }

    /// <summary>Cash and fees paid after a fill of this notional and fee, or null when either cannot be held exactly.</summary>
    private (decimal Cash, decimal FeesPaid)? Book(Side side, decimal notional, decimal fee)
    {
        var exact = side == Side.Buy
            ? ExactDecimal.TryAdd(notional, fee, out var paid) & ExactDecimal.TrySubtract(Cash, paid, out var cash)
            : ExactDecimal.TrySubtract(notional, fee, out var received) & ExactDecimal.TryAdd(Cash, received, out cash);
        return exact && ExactDecimal.TryAdd(FeesPaid, fee, out var feesPaid) ? (cash, feesPaid) : null;
    }

    /// <summary>The holdings valued at the current prices (at their entry price where an asset has none).</summary>
    public decimal Holdings(Func<string, decimal?> currentPrice)
    {
        var holdings = 0m;
        foreach (var (asset, position) in _positions)
            holdings += position.Quantity * (currentPrice(asset) ?? position.AverageEntryPrice);
        return holdings;
    }

    /// <summary>Puts back the state a snapshot of the ledger recorded (a fresh account only).</summary>
    public void Restore(decimal cash, decimal feesPaid, long tradeCount, IEnumerable<(string Asset, Position Position)> positions)
    {
        if (TradeCount != 0) throw new InvalidOperationException($"the account of {Bot} has traded already");
        (Cash, FeesPaid, TradeCount) = (cash, feesPaid, tradeCount);
        foreach (var (asset, position) in positions) _positions.Add(asset, position);
    }

    /// <summary>Books a fill that <see cref="Check"/> accepted; throws for one it would have refused.</summary>
    public void Apply(Fill fill)
    {
        var (cash, feesPaid) = Book(fill.Side, fill.Notional, fill.Fee)
            ?? throw new InvalidOperationException($"the fill {fill} cannot be booked exactly");
        Cash = cash;
        FeesPaid = feesPaid;
        if (fill.Side == Side.Buy)
            _positions[fill.Asset] = PositionIn(fill.Asset).Bought(fill.Quantity, fill.Price);
        else
        {
            var rest = PositionIn(fill.Asset).Sold(fill.Quantity);
            if (rest.IsFlat) _positions.Remove(fill.Asset);
            else _positions[fill.Asset] = rest;
        }
        TradeCount++;
    }
}

public static class Fees
{
    public static decimal For(decimal notional, decimal feePercent) => feePercent == 0m ? 0m : notional * feePercent / 100m;
}
