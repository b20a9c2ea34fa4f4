namespace AkkaTrading.Domain.Accounts;

/// <summary>
/// The largest amounts an account holds. Within them every holding's value (at most 10^15 units × a price of at
/// most 10^9) and an account's cash stay far below decimal's ±7.9 × 10^28, so equity over tens of thousands of
/// assets cannot overflow; the exchange refuses a fill that would go beyond them (<see cref="Trading.RejectReason.ExceedsLimits"/>).
/// </summary>
public static class LedgerLimits
{
    /// <summary>The largest price the exchange records (the scenario readers' bound too).</summary>
    public const decimal MaxPrice = Prices.Cents.MaxPrice;

    /// <summary>The most units of one asset an account may hold: 10^15.</summary>
    public const decimal MaxPosition = 1_000_000_000_000_000m;

    /// <summary>The most cash an account may hold: 10^24.</summary>
    public const decimal MaxCash = 1_000_000_000_000_000_000_000_000m;
}

/// <summary>
/// Decimal arithmetic that reports, instead of rounding or throwing, when a result cannot be held exactly
/// (decimal keeps 28–29 significant digits and rounds silently beyond them). Cautious: a result that only lost
/// trailing zeros also counts as inexact.
/// </summary>
public static class ExactDecimal
{
    public static bool TryAdd(decimal a, decimal b, out decimal sum)
    {
        try
        {
            sum = a + b;
        }
        catch (OverflowException)
        {
            sum = 0m;
            return false;
        }
        // An exact sum keeps the larger scale; decimal drops digits (lowering it) only to make room.
        return sum.Scale >= Math.Max(a.Scale, b.Scale);
    }

    public static bool TrySubtract(decimal a, decimal b, out decimal difference) => TryAdd(a, -b, out difference);

    public static bool TryMultiply(decimal a, decimal b, out decimal product)
    {
        product = 0m;
        if (a.Scale + b.Scale > 28) return false;
        try
        {
            product = a * b;
        }
        catch (OverflowException)
        {
            return false;
        }
        return product.Scale == a.Scale + b.Scale;
    }

    /// <summary>a + b, or the nearest end of decimal's range when the sum is beyond it (for statistics, never for money).</summary>
    public static decimal SaturatingAdd(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a > 0m ? decimal.MaxValue : decimal.MinValue;
        }
    }

    /// <summary>part / whole × 100, or the nearest end of decimal's range when that is beyond it; 0 for a zero whole.</summary>
    public static decimal SaturatingPercent(decimal part, decimal whole)
    {
        if (whole == 0m) return 0m;
        try
        {
            return part / whole * 100m;
        }
        catch (OverflowException)
        {
            return (part > 0m) == (whole > 0m) ? decimal.MaxValue : decimal.MinValue;
        }
    }
}
