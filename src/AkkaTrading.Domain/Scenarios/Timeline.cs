using System.Globalization;

namespace AkkaTrading.Domain.Scenarios;

/// <summary>
/// The period a scenario with timestamps covers: its first and last timestamp (UTC), its number of bars (steps), how
/// many bars make a year at the data's spacing, and whether every timestamp is a plain date (daily data).
/// </summary>
public sealed record Timeline(DateTime First, DateTime Last, long Bars, double BarsPerYear, bool DatesOnly)
{
    /// <summary>ISO 8601: <c>2024-01-02</c> when every timestamp is a date, else <c>2024-01-02T14:30:00Z</c>.</summary>
    public string Format(DateTime time) => time.ToString(DatesOnly ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        CultureInfo.InvariantCulture);

    /// <summary>The period in words, e.g. <c>2024-01-02 to 2024-12-31 (251 bars, 252 a year)</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Format(First)} to {Format(Last)} ({Bars} bars, {BarsPerYear:0.##} a year)");

    /// <summary>The calendar years between the first and the last timestamp.</summary>
    public double Years => (Last - First).TotalDays / DaysPerYear;

    public const double DaysPerYear = 365.25;
}

/// <summary>
/// Builds a <see cref="Timeline"/> from a stream of increasing timestamps in constant memory. The bars per year come from
/// the spacing most bars have: daily data (gaps of 1 to 4 days, so weekends and holidays count as daily) has 252 bars a
/// year, as trading calendars do; weekly 52, monthly 12, quarterly 4, yearly 1; intraday data has 252 times its bars per
/// trading day (the bars over the distinct dates that have any).
/// </summary>
public sealed class TimelineBuilder
{
    private static readonly (double MaxDays, double BarsPerYear)[] Spacings =
        [(20.0 / 24, 0), (4, 252), (10, 52), (45, 12), (120, 4), (double.MaxValue, 1)];

    private readonly long[] _gaps = new long[Spacings.Length];
    private DateTime _first, _last;
    private long _bars, _dates;
    private bool _datesOnly = true;

    public void Add(DateTime time)
    {
        if (_bars == 0) _first = time;
        else
        {
            var days = (time - _last).TotalDays;
            var kind = 0;
            while (days > Spacings[kind].MaxDays) kind++;
            _gaps[kind]++;
        }
        if (_bars == 0 || time.Date != _last.Date) _dates++;
        if (time.TimeOfDay != TimeSpan.Zero) _datesOnly = false;
        _last = time;
        _bars++;
    }

    /// <summary>The timeline, or null when no timestamp was added (a scenario of steps only).</summary>
    public Timeline? Build()
    {
        if (_bars == 0) return null;
        var kind = 1; // a single bar: daily
        for (var i = 0; i < _gaps.Length; i++)
            if (_gaps[i] > _gaps[kind]) kind = i;
        var perYear = kind == 0 ? 252 * Math.Round((double)_bars / _dates, 2) : Spacings[kind].BarsPerYear;
        return new Timeline(_first, _last, _bars, perYear, _datesOnly);
    }
}
