using System.Collections.Immutable;
using AkkaTrading.Domain.Sweeps;
using Xunit;

namespace AkkaTrading.Domain.Tests;

public sealed class SweepGridTests
{
    private static readonly ImmutableArray<SweepAxis> Axes =
        [new("a", [1m, 2m]), new("b", [10m, 20m, 30m])];

    [Fact]
    public void Combinations_are_numbered_with_the_last_parameter_changing_fastest()
    {
        var grid = new SweepGrid(Axes);
        Assert.Equal(6, grid.Count);
        Assert.Equal([1m, 10m], grid.Values(0));
        Assert.Equal([1m, 30m], grid.Values(2));
        Assert.Equal([2m, 10m], grid.Values(3));
        Assert.Equal([2m, 30m], grid.Values(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Values(6));
    }

    [Fact]
    public void A_sample_draws_distinct_combinations_in_grid_order_the_same_for_the_same_seed()
    {
        var axes = ImmutableArray.Create(new SweepAxis("a", [.. Enumerable.Range(0, 50).Select(i => (decimal)i)]),
            new SweepAxis("b", [.. Enumerable.Range(0, 40).Select(i => (decimal)i)]));
        var one = new SweepGrid(axes, (25, 7));
        var two = new SweepGrid(axes, (25, 7));
        var other = new SweepGrid(axes, (25, 8));

        Assert.Equal(25, one.Count);
        Assert.Equal(2000, one.FullCount);
        var drawn = Enumerable.Range(0, 25).Select(i => string.Join(",", one.Values(i))).ToList();
        Assert.Equal(drawn, Enumerable.Range(0, 25).Select(i => string.Join(",", two.Values(i))));
        Assert.NotEqual(drawn, Enumerable.Range(0, 25).Select(i => string.Join(",", other.Values(i))));
        Assert.Equal(25, drawn.Distinct().Count());
        Assert.Equal(drawn.OrderBy(v => decimal.Parse(v.Split(',')[0]) * 100 + decimal.Parse(v.Split(',')[1])), drawn);
    }

    [Fact]
    public void A_sample_as_large_as_the_grid_is_the_grid() =>
        Assert.Equal(6, new SweepGrid(Axes, (100, 1)).Count);

    [Fact]
    public void The_count_of_a_huge_grid_saturates_instead_of_overflowing()
    {
        var big = new SweepAxis("x", [.. Enumerable.Range(0, 100_000).Select(i => (decimal)i)]);
        Assert.Equal(long.MaxValue, SweepGrid.FullCountOf([big, big, big, big]));
    }

    [Theory]
    [InlineData(10, 70, 7)]
    [InlineData(3, 50, 1)]
    [InlineData(2, 99, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(1000, 1, 10)]
    public void A_split_trains_on_the_first_part_and_tests_on_the_rest(int steps, int percent, int train)
    {
        var (training, test) = StepRange.Split(new StepRange(0, steps), percent);
        Assert.Equal(new StepRange(0, train), training);
        Assert.Equal(new StepRange(train, steps), test);
    }

    [Fact]
    public void Walk_forward_windows_cover_every_step_once_in_order()
    {
        var windows = StepRange.WalkForward(103, 4, 75);
        Assert.Equal([(new StepRange(0, 19), new StepRange(19, 26)), (new StepRange(26, 45), new StepRange(45, 52)),
            (new StepRange(52, 71), new StepRange(71, 78)), (new StepRange(78, 96), new StepRange(96, 103))], windows);
        Assert.Throws<ArgumentException>(() => StepRange.WalkForward(7, 4, 70));
        Assert.Throws<ArgumentException>(() => StepRange.Split(new StepRange(5, 6), 50));
    }

    [Fact]
    public void Metrics_rank_best_first_and_keep_the_grid_order_on_ties()
    {
        SweepStatistics S(decimal ret, decimal drawdown, double? sharpe) => new(ret, ret * 100, drawdown, 50m, 4, 2, 1000m, sharpe);
        SweepStatistics[] results = [S(1m, 5m, 0.1), S(3m, 9m, null), S(1m, 2m, 0.4), S(-2m, 2m, 0.2)];
        Assert.Equal([1, 0, 2, 3], SweepMetric.Return.Rank(results));
        Assert.Equal([2, 3, 0, 1], SweepMetric.MaxDrawdown.Rank(results));
        Assert.Equal([2, 3, 0, 1], SweepMetric.Sharpe.Rank(results));
        Assert.Equal(2d, SweepMetric.MaxDrawdown.ValueOf(results[2]));
    }
}
