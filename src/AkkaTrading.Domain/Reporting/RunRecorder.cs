using System.Collections.Immutable;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Reporting;

/// <summary>A bot's money after a step: its cash and its holdings valued at the step's prices.</summary>
public readonly record struct EquityPoint(decimal Cash, decimal Holdings)
{
    public decimal Equity => Cash + Holdings;
}

/// <summary>
/// What a run recorded for its report: equity curves per bot, prices per asset, every fill. A point's time is its step's
/// timestamp in a replay of market data, null otherwise.
/// </summary>
public sealed record RunRecording(
    ImmutableDictionary<string, ImmutableArray<(long Step, DateTime? Time, EquityPoint Point)>> Equity,
    ImmutableDictionary<string, ImmutableArray<(long Step, DateTime? Time, decimal Price)>> Prices,
    ImmutableArray<Fill> Fills,
    long Stride);

/// <summary>
/// Records a run for its report, fed by the <see cref="ExchangeBook"/>: after every step each bot's cash
/// and holdings and each asset's price, and every fill. Curves hold at most <c>capacity</c> points each
/// (see <see cref="DecimatedSeries{T}"/>), so memory stays bounded however long the run.
/// </summary>
public sealed class RunRecorder(int capacity = 20_000)
{
    private readonly Dictionary<string, DecimatedSeries<(DateTime? Time, EquityPoint Point)>> _equity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecimatedSeries<(DateTime? Time, decimal Price)>> _prices = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = new();

    public void OnFill(Fill fill) => _fills.Add(fill);

    public void OnEquity(long step, DateTime? time, string bot, decimal cash, decimal holdings) =>
        SeriesOf(_equity, bot).Add(step, (time, new EquityPoint(cash, holdings)));

    public void OnPrice(long step, DateTime? time, string asset, decimal price) => SeriesOf(_prices, asset).Add(step, (time, price));

    public RunRecording Recording() => new(
        _equity.ToImmutableDictionary(e => e.Key, e => e.Value.Points.Select(p => (p.Step, p.Value.Time, p.Value.Point))
            .ToImmutableArray(), StringComparer.Ordinal),
        _prices.ToImmutableDictionary(p => p.Key, p => p.Value.Points.Select(p => (p.Step, p.Value.Time, p.Value.Price))
            .ToImmutableArray(), StringComparer.Ordinal),
        [.. _fills],
        _equity.Values.Select(s => s.Stride).Concat(_prices.Values.Select(s => s.Stride)).DefaultIfEmpty(1).Max());

    private DecimatedSeries<T> SeriesOf<T>(Dictionary<string, DecimatedSeries<T>> all, string key)
    {
        if (!all.TryGetValue(key, out var series)) all.Add(key, series = new DecimatedSeries<T>(capacity));
        return series;
    }
}
