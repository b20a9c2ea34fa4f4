using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// One bot of a <see cref="FastSweepPass"/>: its rule's settings as the strategy itself derives them.
/// <see cref="WindowFactor"/> multiplies the window's highest price (the Investor's dip, the Hamster's crash);
/// <see cref="FillFactor"/> multiplies a fill's price (the Investor's take-profit over the entry, the Hamster's next buy).
/// </summary>
internal sealed record FastBotPlan(bool Hamster, int Window, decimal WindowFactor, decimal FillFactor, decimal Quantity, int Cooldown)
{
    /// <summary>The Investor's bound on entry prices, decimal.MaxValue / FillFactor, as InvestorStrategy computes it.</summary>
    public decimal LargestEntry { get; } = Hamster ? 0m : decimal.MaxValue / FillFactor;

    /// <summary>The plan of a fresh Investor or Hamster whose settings the fast rules cover; null for anything else.</summary>
    public static FastBotPlan? Of(IStrategy strategy) => strategy switch
    {
        InvestorStrategy { IsFresh: true, Settings: var s } when Supported(s.Window, s.Quantity, s.DipPercent)
            && s.TakeProfitPercent is >= 0m and <= 1_000_000m =>
            new(false, s.Window, 1m - s.DipPercent / 100m, 1m + s.TakeProfitPercent / 100m, s.Quantity, 0),
        HamsterStrategy { IsFresh: true, Settings: var s } when Supported(s.CrashWindow, s.Quantity, s.CrashPercent)
            && s.CheaperByPercent is >= 0m and <= 100m =>
            new(true, s.CrashWindow, 1m - s.CrashPercent / 100m, 1m - s.CheaperByPercent / 100m, s.Quantity, s.Cooldown),
        _ => null,
    };

    // The factors are the strategies' own expressions (InvestorStrategy.BuyBelow and SellAbove, HamsterStrategy's fields), so the
    // decimals are the same. A quantity written with decimals (10.0) would change the scale of holdings: left to the reference.
    private static bool Supported(int window, decimal quantity, decimal percent) =>
        window >= 1 && quantity is >= 1m and <= 1_000_000_000m && quantity.Scale == 0 && decimal.Truncate(quantity) == quantity
        && percent is >= 0m and <= 100m;

    /// <summary>Whether decimal's own windowMax × <see cref="WindowFactor"/> is exact for every price of the pass, so an integer
    /// comparison can stand in for it.</summary>
    public bool WindowProductExact(FastPrices prices)
    {
        var (mantissa, scale, _) = FixedPoint.Parts(WindowFactor);
        return prices.MaxGivenScale + scale <= 28 && (SaturatingProduct(prices.MaxMantissa, mantissa) < (UInt128.One << 96));
    }

    private static UInt128 SaturatingProduct(UInt128 a, UInt128 b) =>
        a == 0 || b == 0 ? 0 : a > UInt128.MaxValue / b ? UInt128.MaxValue : a * b;
}

/// <summary>An order a bot decided on in a step: its bot, the price's index in <see cref="FastPrices"/>, the side.</summary>
internal readonly record struct FastIntent(int Bot, int PriceIndex, int Slot, Side Side);
