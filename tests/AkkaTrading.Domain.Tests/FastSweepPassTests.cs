using System.Collections.Immutable;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Domain.Trading;
using CsCheck;

namespace AkkaTrading.Domain.Tests;

/// <summary>Where <see cref="FastSweepPass"/> declines, <see cref="SweepPass"/> still gives the reference's answer.</summary>
public class FastSweepPassTests
{
    private static readonly string[] Assets = ["ALFA", "BETA"];

    private static ScenarioStep[] Steps(params decimal[] alfa) =>
        [.. alfa.Select((p, t) => new ScenarioStep(t, [new AssetPrice("ALFA", p), new AssetPrice("BETA", 50m + t % 3)]))];

    private static readonly ScenarioStep[] Falling = Steps(100m, 99m, 90m, 85m, 95m, 99m, 80m, 70m, 90m, 100m);

    private static PlainBot Investor(string name, InvestorSettings? settings = null) =>
        new(name, new InvestorStrategy(settings ?? new InvestorSettings(3, 5m, 5m, 2m)), Assets, 1_000m);

    private static PlainBot Hamster(string name, HamsterSettings? settings = null) =>
        new(name, new HamsterStrategy(settings ?? new HamsterSettings(2m, 1m, 3, 10m, 2)), Assets, 1_000m);

    /// <summary>Buys one unit of everything it sees, once.</summary>
    private sealed class BuyOnce : IStrategy
    {
        private readonly HashSet<string> _bought = new();
        public TradeIntent? OnPrice(string asset, decimal price) => _bought.Add(asset) ? TradeIntent.Buy(1m) : null;
        public void OnFill(Fill fill) { }
        public void Resume(string asset, Position position, decimal? lastBuyPrice) { }
    }

    public static TheoryData<string> Declined => ["other strategy", "used strategy", "shared strategy", "quantity 2.0", "price scale",
        "inexact factor", "unknown asset", "twice in a step", "negative percent"];

    [Theory]
    [MemberData(nameof(Declined))]
    public void It_declines_what_it_cannot_vouch_for_and_the_sweep_falls_back_to_the_reference(string why)
    {
        var steps = Falling;
        Func<PlainBot[]> bots = () => [Investor("i"), Hamster("h")];
        switch (why)
        {
            case "other strategy": bots = () => [Investor("i"), new PlainBot("b", new BuyOnce(), Assets, 500m)]; break;
            case "used strategy":
                bots = () =>
                {
                    var used = Investor("i");
                    used.Strategy.OnPrice("ALFA", 1m);
                    return [used, Hamster("h")];
                };
                break;
            case "shared strategy":
                bots = () =>
                {
                    var shared = Hamster("h");
                    return [shared, shared with { Name = "h2" }];
                };
                break;
            case "quantity 2.0": bots = () => [Investor("i", new InvestorSettings(3, 5m, 5m, 2.0m))]; break;
            case "price scale": steps = Steps(100m, 99.000000001m, 90m, 85m); break;
            case "inexact factor": bots = () => [Hamster("h", new HamsterSettings(2m, 1m, 3, 100m / 3m, 2))]; break;
            case "unknown asset": steps = [.. Falling, new ScenarioStep(10, [new AssetPrice("GAMMA", 5m)])]; break;
            case "twice in a step":
                steps = [.. Falling, new ScenarioStep(10, [new AssetPrice("ALFA", 5m), new AssetPrice("ALFA", 6m)])];
                break;
            case "negative percent": bots = () => [Investor("i", new InvestorSettings(3, -5m, 5m, 2m))]; break;
        }
        var range = new StepRange(0, steps.Length);

        Assert.Null(FastSweepPass.TryRun(Assets, 10, 0.5m, bots(), steps, range));
        FastSweepPassProperties.AssertSame(SweepPass.Reference(Assets, 10, 0.5m, bots(), steps, range),
            SweepPass.Run(Assets, 10, 0.5m, bots(), steps, range));
    }

    [Fact]
    public void The_sweep_takes_the_fast_pass_for_investors_and_hamsters_and_gets_the_reference_figures()
    {
        PlainBot[] Bots() => [Investor("i"), Hamster("h"), new PlainBot("poor", new HamsterStrategy(new(5m, 1m, 2, 5m, 1)), Assets, 120m)];
        var range = new StepRange(2, Falling.Length);
        Assert.NotNull(FastSweepPass.TryRun(Assets, 10, 0.5m, Bots(), Falling, range));
        var summaries = SweepPass.Run(Assets, 10, 0.5m, Bots(), Falling, range);
        FastSweepPassProperties.AssertSame(SweepPass.Reference(Assets, 10, 0.5m, Bots(), Falling, range), summaries);
        Assert.Equal([true, true, false], summaries.Select(s => s.Trades > 0)); // the poor Hamster's buys are all rejected
    }

    [Fact]
    public void An_integer_below_2_to_the_53_over_a_power_of_ten_is_the_double_decimal_converts_to_in_any_representation() =>
        Gen.Select(Gen.Long[0, FixedPoint.ExactInDouble - 1], Gen.Int[0, FixedPoint.MaxScale]).Sample((m, scale) =>
        {
            var d = new decimal((int)(uint)m, (int)(uint)((ulong)m >> 32), 0, false, (byte)scale);
            Assert.Equal(BitConverter.DoubleToInt64Bits(m / FixedPoint.Pow10Double[scale]), BitConverter.DoubleToInt64Bits((double)d));
            if (scale < FixedPoint.MaxScale && m * 10 < FixedPoint.ExactInDouble) // the same value with one decimal more
                Assert.Equal((double)d, (double)FixedPoint.ToDecimal(m * 10, scale + 1, scale + 1));
        }, iter: 10_000);
}
