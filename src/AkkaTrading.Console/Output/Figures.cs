using System.Globalization;

namespace AkkaTrading.Console.Output;

/// <summary>How figures are written for people, the same in every table: money with two decimals, signed where it is a gain or a
/// loss, percentages and ratios.</summary>
public static class Figures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Money(decimal value) => value.ToString("#,0.00", Inv);
    public static string Signed(decimal value) => (value >= 0 ? "+" : "") + Money(value);
    public static string Percent(decimal value) => (value >= 0 ? "+" : "") + value.ToString("0.00", Inv) + "%";
    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", Inv) : "n/a";
}
