using System.Numerics;

namespace AkkaTrading.Domain.Tests;

/// <summary>Decimals as exact integers of 10^-60 units, so tests can add and multiply money without any rounding.</summary>
public static class ExactMoney
{
    private const int Scale = 60;

    public static BigInteger Of(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | new BigInteger((uint)bits[1]) << 32 | new BigInteger((uint)bits[2]) << 64;
        var scale = (bits[3] >> 16) & 0xFF;
        var exact = mantissa * BigInteger.Pow(10, Scale - scale);
        return bits[3] < 0 ? -exact : exact;
    }

    /// <summary>a × b exactly (two decimals have at most 56 decimal places together, fewer than 60).</summary>
    public static BigInteger Times(decimal a, decimal b) => Of(a) * Of(b) / BigInteger.Pow(10, Scale);
}
