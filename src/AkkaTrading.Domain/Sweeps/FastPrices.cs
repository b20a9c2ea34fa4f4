using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// The prices of a range of steps laid out flat for <see cref="FastSweepPass"/>: per price its asset's index, the decimal as
/// given and the same value as an integer at one common scale. Built only when every price is one the exchange records
/// (0 &lt; price ≤ 10^9, a known asset, once per step) and has at most <see cref="MaxPriceScale"/> decimals.
/// </summary>
internal sealed class FastPrices
{
    /// <summary>Keeps a price at the common scale below 10^17, leaving room for sums and products in a long.</summary>
    public const int MaxPriceScale = 8;

    private FastPrices(int assetCount, int stepCount, int priceCount)
    {
        StepStart = new int[stepCount + 1];
        Asset = new int[priceCount];
        Price = new decimal[priceCount];
        Scaled = new long[priceCount];
        Scale = new byte[priceCount];
        MaxScaledOf = new long[assetCount];
    }

    /// <summary>The prices of step t of the range are those from StepStart[t] to StepStart[t + 1].</summary>
    public int[] StepStart { get; }
    public int[] Asset { get; }
    public decimal[] Price { get; }
    /// <summary>Each price × 10^<see cref="PriceScale"/>.</summary>
    public long[] Scaled { get; }
    /// <summary>Each price's own scale, as the decimal carries it.</summary>
    public byte[] Scale { get; }
    public int PriceScale { get; private set; }
    /// <summary>Per asset, its highest price in the range × 10^<see cref="PriceScale"/> (0 without any).</summary>
    public long[] MaxScaledOf { get; }
    /// <summary>The largest mantissa and the largest scale of any price as given (what decimal multiplies).</summary>
    public UInt128 MaxMantissa { get; private set; }
    public int MaxGivenScale { get; private set; }

    public static FastPrices? TryBuild(Dictionary<string, int> assetIndex, IReadOnlyList<ScenarioStep> steps, StepRange range)
    {
        var count = 0;
        for (var t = range.From; t < range.To; t++) count += steps[t].Prices.Length;
        var prices = new FastPrices(assetIndex.Count, range.Count, count);
        var seenAt = new int[assetIndex.Count];
        Array.Fill(seenAt, -1);
        var i = 0;
        for (var t = 0; t < range.Count; t++)
        {
            prices.StepStart[t] = i;
            foreach (var price in steps[range.From + t].Prices)
            {
                // An unknown asset, an unrecorded price or a second price of an asset in a step: the exchange's
                // corner cases, left to the reference.
                if (!assetIndex.TryGetValue(price.Asset, out var asset) || seenAt[asset] == t) return null;
                if (price.Price is <= 0m or > LedgerLimits.MaxPrice) return null;
                var (mantissa, scale, _) = FixedPoint.Parts(price.Price);
                if (scale > MaxPriceScale) return null; // and so the mantissa is below 10^17
                seenAt[asset] = t;
                prices.Asset[i] = asset;
                prices.Price[i] = price.Price;
                prices.Scale[i] = (byte)scale;
                prices.Scaled[i] = (long)mantissa; // for now
                var significant = scale;
                for (var m = (long)mantissa; significant > 0 && m % 10 == 0; m /= 10) significant--;
                prices.PriceScale = Math.Max(prices.PriceScale, significant);
                prices.MaxMantissa = UInt128.Max(prices.MaxMantissa, mantissa);
                prices.MaxGivenScale = Math.Max(prices.MaxGivenScale, scale);
                i++;
            }
        }
        prices.StepStart[range.Count] = i;
        for (var j = 0; j < count; j++)
        {
            // Exact: a scale above the common one has only zeros beyond it; the result is at most 10^9 × 10^8.
            var (mantissa, scale, common) = (prices.Scaled[j], prices.Scale[j], prices.PriceScale);
            var scaled = scale <= common ? mantissa * FixedPoint.Pow10[common - scale] : mantissa / FixedPoint.Pow10[scale - common];
            prices.Scaled[j] = scaled;
            prices.MaxScaledOf[prices.Asset[j]] = Math.Max(prices.MaxScaledOf[prices.Asset[j]], scaled);
        }
        return prices;
    }
}
