using System.Collections.Immutable;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Reporting;

/// <summary>A bot's money after a step: its cash and its holdings valued at the step's prices.</summary>
public readonly record struct EquityPoint(decimal Cash, decimal Holdings)
{
    public decimal Equity => Cash + Holdings;
}

/// <summary>What a run recorded for its report: equity curves per bot, prices per asset, every fill.</summary>
public sealed record RunRecording(
    ImmutableDictionary<string, ImmutableArray<(long Step, EquityPoint Point)>> Equity,
    ImmutableDictionary<string, ImmutableArray<(long Step, decimal Price)>> Prices,
    ImmutableArray<Fill> Fills,
    long Stride);

/// <summary>
/// Records a run for its report, fed by the <see cref="ExchangeBook"/>: after every step each bot's cash
/// and holdings and each asset's price, and every fill. Curves hold at most <c>capacity</c> points each
/// (see <see cref="DecimatedSeries{T}"/>), so memory stays bounded however long the run.
/// </summary>
public sealed class RunRecorder(int capacity = 20_000)
{
    private readonly Dictionary<string, DecimatedSeries<EquityPoint>> _equity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecimatedSeries<decimal>> _prices = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = new();

    public void OnFill(Fill fill) => _fills.Add(fill);

    public void OnEquity(long step, string bot, decimal cash, decimal holdings) =>
        SeriesOf(_equity, bot).Add(step, new EquityPoint(cash, holdings));

    public void OnPrice(long step, string asset, decimal price) => SeriesOf(_prices, asset).Add(step, price);

    public RunRecording Recording() => new(
        _equity.ToImmutableDictionary(e => e.Key, e => e.Value.Points.ToImmutableArray(), StringComparer.Ordinal),
        _prices.ToImmutableDictionary(p => p.Key, p => p.Value.Points.ToImmutableArray(), StringComparer.Ordinal),
        [.. _fills],
        _equity.Values.Select(s => s.Stride).Concat(_prices.Values.Select(s => s.Stride)).DefaultIfEmpty(1).Max());

    private DecimatedSeries<T> SeriesOf<T>(Dictionary<string, DecimatedSeries<T>> all, string key)
    {
        if (!all.TryGetValue(key, out var series)) all.Add(key, series = new DecimatedSeries<T>(capacity));
        return series;
    }
}
