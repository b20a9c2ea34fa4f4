using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Tests;

/// <summary>The annualised figures on cases worked out by hand (the arithmetic is in the comments).</summary>
public class AnnualisedStatisticsTests
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Equity 100 → 110 → 99 → 108.9: step returns +10%, −10%, +10%, over exactly two calendar years of daily
    /// bars.</summary>
    private static (Performance Performance, BotSummary Bot, Timeline Timeline) UpDownUp()
    {
        var tracker = new PerformanceTracker(100m);
        var times = new[] { Start, Start.AddDays(1), Start.AddDays(2), Start.AddDays(2 * Timeline.DaysPerYear) };
        tracker.OnStep(100m, holding: false, times[0]);
        tracker.OnStep(110m, holding: true, times[1]);
        tracker.OnStep(99m, holding: true, times[2]);
        tracker.OnStep(108.9m, holding: true, times[3]);
        var performance = tracker.Result();
        var bot = new BotSummary("bot", 100m, 0m, [], 108.9m, 8.9m, 3, 0m, performance);
        return (performance, bot, new Timeline(times[0], times[^1], 4, 252, DatesOnly: true));
    }

    [Fact]
    public void Step_returns_give_their_mean_sample_deviation_and_downside_deviation()
    {
        var (p, _, _) = UpDownUp();
        // Returns 0, +0.1, −0.1, +0.1: mean 0.025; deviations −0.025, 0.075, −0.125, 0.075 → squares sum 0.0275,
        // / 3 → sd √0.0091667.
        Assert.Equal(4, p.Returns);
        Assert.Equal(0.025, p.MeanReturn, 12);
        Assert.Equal(Math.Sqrt(0.0275 / 3), p.ReturnStdDev, 12);
        // Only −0.1 is a loss: √(0.01 / 4) = 0.05.
        Assert.Equal(0.05, p.DownsideDeviation, 12);
    }

    [Fact]
    public void Cagr_volatility_sharpe_and_sortino_scale_to_a_year()
    {
        var (p, bot, timeline) = UpDownUp();
        var stats = AnnualisedStatistics.Of(bot, timeline, riskFreePercent: 0m);

        // 108.9 / 100 over two years: √1.089 − 1 = 4.3552%.
        Assert.Equal(4.355162785556521, stats.CagrPercent!.Value, 9);
        // sd √(0.0275/3) = 0.0957427 × √252 = 1.51987 → 151.987%.
        Assert.Equal(151.98684153570664, stats.VolatilityPercent, 9);
        // Sharpe 0.025 / 0.0957427 × √252 = 4.14510; Sortino 0.025 / 0.05 × √252 = 7.93725.
        Assert.Equal(4.145095678246545, stats.Sharpe!.Value, 9);
        Assert.Equal(7.937253933193772, stats.Sortino!.Value, 9);
    }

    [Fact]
    public void The_risk_free_rate_is_compounded_down_to_a_bar_and_taken_off_the_mean_return()
    {
        var (_, bot, timeline) = UpDownUp();
        var stats = AnnualisedStatistics.Of(bot, timeline, riskFreePercent: 5m);

        // 1.05^(1/252) − 1 = 0.000193631 a bar: Sharpe (0.025 − 0.000193631) / 0.0957427 × √252, Sortino over 0.05.
        Assert.Equal(4.11299099921246, stats.Sharpe!.Value, 9);
        Assert.Equal(7.875778153207674, stats.Sortino!.Value, 9);
    }

    [Fact]
    public void The_longest_drawdown_runs_from_a_high_until_it_is_regained_or_the_run_ends()
    {
        var tracker = new PerformanceTracker(100m);
        var equities = new[] { 100m, 90m, 95m, 100m, 120m, 110m, 100m, 105m, 110m, 115m };
        for (var i = 0; i < equities.Length; i++) tracker.OnStep(equities[i], holding: true, Start.AddDays(i * 2));
        var p = tracker.Result();

        // The first dip lasts from step 1 (day 0) until step 4 (day 6) regains 100; the second from the high of 120 at step 5
        // (day 8) to the end (step 10, day 18), never regained: 5 bars and 10 days.
        Assert.Equal(5, p.LongestDrawdownSteps);
        Assert.Equal(TimeSpan.FromDays(10), p.LongestDrawdownTime);
    }

    [Fact]
    public void Ratios_without_any_variation_and_growth_over_no_time_have_no_value()
    {
        var tracker = new PerformanceTracker(100m);
        tracker.OnStep(100m, holding: false, Start);
        var bot = new BotSummary("bot", 100m, 100m, [], 100m, 0m, 0, 0m, tracker.Result());
        var stats = AnnualisedStatistics.Of(bot, new Timeline(Start, Start, 1, 252, true), 0m);

        Assert.Null(stats.CagrPercent);
        Assert.Null(stats.Sharpe);
        Assert.Null(stats.Sortino);
        Assert.Equal(0, stats.VolatilityPercent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3.5)]
    public void A_sweep_ranks_by_the_sharpe_ratio_a_replay_of_market_data_reports(double riskFree)
    {
        var (_, bot, timeline) = UpDownUp();
        var replay = AnnualisedStatistics.Of(bot, timeline, (decimal)riskFree).Sharpe;
        var sweep = Domain.Sweeps.SweepStatistics.Of(bot, timeline.BarsPerYear, (decimal)riskFree).Sharpe;
        Assert.Equal(BitConverter.DoubleToInt64Bits(replay!.Value), BitConverter.DoubleToInt64Bits(sweep!.Value));
        // without timestamps: per step, no risk-free rate
        Assert.Equal(bot.Performance.MeanReturn / bot.Performance.ReturnStdDev,
            Domain.Sweeps.SweepStatistics.Of(bot, null, (decimal)riskFree).Sharpe);
    }
}
