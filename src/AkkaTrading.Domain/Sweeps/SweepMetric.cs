using System.Collections.Immutable;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>A figure the combinations of a sweep are ranked by, best first; ties keep the grid's order.</summary>
public sealed class SweepMetric
{
    private readonly Func<SweepStatistics, double> _score; // higher is better

    private SweepMetric(string name, string title, Func<SweepStatistics, double> score)
    {
        Name = name;
        Title = title;
        _score = score;
    }

    /// <summary>As given with <c>--metric</c> and written in <c>sweep.csv</c>'s header.</summary>
    public string Name { get; }

    public string Title { get; }

    public static readonly SweepMetric Return = new("return", "return %", s => (double)s.ReturnPercent);
    public static readonly SweepMetric ProfitLoss = new("profit-loss", "profit/loss", s => (double)s.ProfitLoss);
    public static readonly SweepMetric MaxDrawdown =
        new("max-drawdown", "max drawdown % (lowest best)", s => -(double)s.MaxDrawdownPercent);
    public static readonly SweepMetric WinRate = new("win-rate", "win rate %", s => (double)s.WinRatePercent);
    public static readonly SweepMetric Trades = new("trades", "trades", s => s.Trades);
    public static readonly SweepMetric Sharpe = new("sharpe", "Sharpe", s => s.Sharpe ?? double.NegativeInfinity);

    public static readonly ImmutableArray<SweepMetric> All = [Return, ProfitLoss, MaxDrawdown, WinRate, Trades, Sharpe];

    public static SweepMetric? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The metric's value (a drawdown as is: its rank counts it lowest first); null where it has none (a Sharpe ratio of
    /// returns that never vary).</summary>
    public double? ValueOf(SweepStatistics statistics) => this == MaxDrawdown ? (double)statistics.MaxDrawdownPercent
        : this == Sharpe ? statistics.Sharpe : _score(statistics);

    /// <summary>The indices of <paramref name="results"/>, best first; equal scores keep their order (a stable sort).</summary>
    public int[] Rank(IReadOnlyList<SweepStatistics> results) =>
        [.. Enumerable.Range(0, results.Count).OrderByDescending(i => _score(results[i])).ThenBy(i => i)];
}
