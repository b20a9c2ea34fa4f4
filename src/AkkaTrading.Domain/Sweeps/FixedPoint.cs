using System.Numerics;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// Decimals as 64-bit integers counted in units of 10^-scale, for the hot path of <see cref="FastSweepPass"/>. Every conversion
/// here is exact or says it is not; thresholds are rounded the one way that keeps an integer comparison equal to the decimal one.
/// </summary>
internal static class FixedPoint
{
    /// <summary>The largest scale the fast pass works in: 10^18 still fits a long.</summary>
    public const int MaxScale = 18;

    /// <summary>Integers below this convert to double exactly.</summary>
    public const long ExactInDouble = 1L << 53;

    public static readonly long[] Pow10 = [.. Enumerable.Range(0, MaxScale + 1).Select(i => (long)BigInteger.Pow(10, i))];

    // Powers of ten up to 10^22 are exact doubles.
    public static readonly double[] Pow10Double = [.. Enumerable.Range(0, MaxScale + 1).Select(i => Math.Pow(10, i))];

    /// <summary>The decimal's unsigned 96-bit mantissa, its scale and its sign.</summary>
    public static (UInt128 Mantissa, int Scale, bool Negative) Parts(decimal d)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(d, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        return (mantissa, (bits[3] >> 16) & 0xFF, bits[3] < 0);
    }

    /// <summary>The decimal's mantissa stripped of trailing zeros, with the scale that keeps its value.</summary>
    public static (UInt128 Mantissa, int Scale, bool Negative) Normalised(decimal d)
    {
        var (m, s, negative) = Parts(d);
        while (s > 0 && m % 10 == 0)
        {
            m /= 10;
            s--;
        }
        return (m, s, negative);
    }

    /// <summary>d × 10^scale as a long, when that is a whole number within ±<paramref name="limit"/>.</summary>
    public static bool TryScale(decimal d, int scale, long limit, out long value)
    {
        value = 0;
        if (TryScaledInLong(d, scale, out var fast, out var cut)) // the usual case, without BigInteger
        {
            if (cut != 0 || fast > limit || fast < -limit) return false;
            value = fast;
            return true;
        }
        var x = Scaled(d, scale, out var remainder);
        if (remainder != 0 || BigInteger.Abs(x) > limit) return false;
        value = (long)x;
        return true;
    }

    /// <summary>The least integer n with n ≥ d × 10^scale, saturated to the range of long.</summary>
    public static long ScaledCeiling(decimal d, int scale)
    {
        if (TryScaledInLong(d, scale, out var fast, out var cut)) return cut > 0 ? fast + 1 : fast;
        var x = Scaled(d, scale, out var remainder);
        return Saturate(remainder > 0 ? x + 1 : x);
    }

    /// <summary>The greatest integer n with n ≤ d × 10^scale, saturated to the range of long.</summary>
    public static long ScaledFloor(decimal d, int scale)
    {
        if (TryScaledInLong(d, scale, out var fast, out var cut)) return cut < 0 ? fast - 1 : fast;
        var x = Scaled(d, scale, out var remainder);
        return Saturate(remainder < 0 ? x - 1 : x);
    }

    /// <summary>
    /// The decimal worth <paramref name="scaled"/> × 10^-<paramref name="scale"/> written with <paramref name="representation"/>
    /// decimals (at most <paramref name="scale"/>; the value must have no more): the bits decimal arithmetic gives such a value.
    /// </summary>
    public static decimal ToDecimal(long scaled, int scale, int representation)
    {
        var mantissa = (ulong)(scaled / Pow10[scale - representation]);
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)representation);
    }

    // Scaled, when the mantissa and the result stay well inside a long (|result| < 2^62, so ±1 cannot overflow).
    private static bool TryScaledInLong(decimal d, int scale, out long value, out int remainder)
    {
        (value, remainder) = (0, 0);
        var (m, s, negative) = Parts(d);
        if (m >= 1UL << 62) return false;
        var mantissa = (long)m;
        if (scale >= s)
        {
            if (scale - s > MaxScale || mantissa > (1L << 62) / Pow10[scale - s]) return false;
            value = mantissa * Pow10[scale - s];
        }
        else
        {
            if (s - scale > MaxScale) return false;
            value = Math.DivRem(mantissa, Pow10[s - scale], out var rest);
            if (rest != 0) remainder = negative ? -1 : 1;
        }
        if (negative) value = -value;
        return true;
    }

    // d × 10^scale truncated toward zero, and the sign of what was cut off.
    private static BigInteger Scaled(decimal d, int scale, out int remainder)
    {
        var (m, s, negative) = Parts(d);
        var x = (BigInteger)m;
        remainder = 0;
        if (scale >= s) x *= BigInteger.Pow(10, scale - s);
        else
        {
            x = BigInteger.DivRem(x, BigInteger.Pow(10, s - scale), out var rest);
            if (!rest.IsZero) remainder = negative ? -1 : 1;
        }
        return negative ? -x : x;
    }

    private static long Saturate(BigInteger x) => x > long.MaxValue ? long.MaxValue : x < long.MinValue ? long.MinValue : (long)x;
}
