using System.Globalization;

namespace AkkaTrading.Domain.Scenarios;

/// <summary>The unit of a timestamp written as a number since 1970-01-01T00:00:00Z.</summary>
public enum EpochUnit { Seconds, Milliseconds, Microseconds, Nanoseconds }

/// <summary>
/// How to read a market-data CSV: the column of the timestamp, the column of the price, and how the timestamp is
/// written — a .NET date format (<see cref="DateFormat"/>), a number since the epoch (<see cref="Epoch"/>), or, with
/// neither, ISO 8601.
/// </summary>
public sealed record MarketDataFormat(string TimeColumn, string PriceColumn, string? DateFormat = null, EpochUnit? Epoch = null)
{
    /// <summary>Yahoo Finance's download: <c>Date,Open,High,Low,Close,Adj Close,Volume</c>, dates as <c>yyyy-MM-dd</c>.</summary>
    public static MarketDataFormat Yahoo(string priceColumn = "Close") => new("Date", priceColumn, "yyyy-MM-dd");

    /// <summary>The price choices of the Yahoo format (HOCON's <c>price</c>) and their columns.</summary>
    public static readonly IReadOnlyDictionary<string, string> YahooPrices = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["close"] = "Close", ["adj-close"] = "Adj Close", ["open"] = "Open", ["high"] = "High", ["low"] = "Low",
    };

    /// <summary>A CSV of a timestamp and a price: by default columns <c>time</c> and <c>price</c>, ISO 8601 timestamps.</summary>
    public static readonly MarketDataFormat Generic = new("time", "price");

    /// <summary>How timestamps are written, for error messages: <c>yyyy-MM-dd</c>, <c>ISO 8601</c>, <c>epoch milliseconds</c>.</summary>
    public string TimeRule => Epoch is { } unit ? $"a whole number of epoch {unit.ToString().ToLowerInvariant()}"
        : DateFormat is { } format ? $"in the format {format}" : "an ISO 8601 date or time such as 2024-01-02 or 2024-01-02T14:30:00Z";

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", .. from sep in new[] { "T", " " }
                         from time in new[] { "HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF" }
                         select $"yyyy-MM-dd'{sep}'{time}K",
    ];

    private const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    /// <summary>Reads a timestamp as UTC (a time without an offset is taken as UTC); false when it does not follow the rule.</summary>
    public bool TryParseTime(ReadOnlySpan<char> text, out DateTime time)
    {
        time = default;
        if (Epoch is { } unit) return TryParseEpoch(text, unit, out time);
        if (DateFormat is not { } format) return DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, Utc, out time);
        try
        {
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, Utc, out time);
        }
        catch (FormatException)
        {
            return false; // a format .NET cannot use (settings refuse it first, see IsValidDateFormat): no timestamp follows it
        }
    }

    /// <summary>Whether .NET can read dates in <paramref name="format"/> (e.g. a lone <c>%</c> or a trailing <c>\</c> it cannot).</summary>
    public static bool IsValidDateFormat(string format)
    {
        try
        {
            DateTime.TryParseExact("", format, CultureInfo.InvariantCulture, Utc, out _);
            _ = DateTime.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryParseEpoch(ReadOnlySpan<char> text, EpochUnit unit, out DateTime time)
    {
        time = default;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return false;
        var ticks = unit switch
        {
            EpochUnit.Seconds => (Int128)value * TimeSpan.TicksPerSecond,
            EpochUnit.Milliseconds => (Int128)value * TimeSpan.TicksPerMillisecond,
            EpochUnit.Microseconds => (Int128)value * TimeSpan.TicksPerMicrosecond,
            _ => (Int128)value / 100,
        } + DateTime.UnixEpoch.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        time = new DateTime((long)ticks, DateTimeKind.Utc);
        return true;
    }
}

/// <summary>One asset's prices in a market-data file.</summary>
public sealed record MarketDataAsset(string Asset, string File, MarketDataFormat Format);
