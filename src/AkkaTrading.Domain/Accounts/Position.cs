namespace AkkaTrading.Domain.Accounts;

/// <summary>Units held of one asset and their quantity-weighted average entry price (fees excluded).</summary>
public readonly record struct Position(decimal Quantity, decimal AverageEntryPrice)
{
    public static readonly Position Flat = new(0m, 0m);

    public bool IsFlat => Quantity == 0m;

    public Position Bought(decimal quantity, decimal price)
    {
        var total = Quantity + quantity;
        return new Position(total, (Quantity * AverageEntryPrice + quantity * price) / total);
    }

    public Position Sold(decimal quantity)
    {
        var rest = Quantity - quantity;
        return rest == 0m ? Flat : this with { Quantity = rest };
    }
}
