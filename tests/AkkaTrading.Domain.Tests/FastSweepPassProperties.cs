using System.Collections.Immutable;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Domain.Trading;
using CsCheck;

namespace AkkaTrading.Domain.Tests;

/// <summary>
/// Random scenarios (falls, rises, missing prices, 0–4 decimals), random Investors and Hamsters (some too poor to buy), random
/// fees and step ranges: <see cref="FastSweepPass"/> gives exactly the reference replay's summaries, field by field, decimals
/// with their scale and doubles bit for bit.
/// </summary>
public class FastSweepPassProperties
{
    private static readonly string[] Names = ["ALFA", "BETA", "GAMMA", "DELTA"];

    internal sealed record BotSpec(bool Hamster, int Window, decimal PercentA, decimal PercentB, int Cooldown, int Quantity, decimal Cash,
        int AssetMask);

    internal sealed record Scenario(int Assets, ScenarioStep[] Steps, decimal Fee, BotSpec[] Bots, StepRange Range);

    private static readonly Gen<decimal> Percent = Gen.Frequency(
        (6, Gen.Int[0, 2500].Select(i => i / 100m)), (2, Gen.Int[0, 30].Select(i => (decimal)i)),
        (1, Gen.Int[0, 99_999].Select(i => i / 10_000m)));

    private static readonly Gen<decimal> Cash = Gen.Frequency(
        (2, Gen.Int[0, 50_000].Select(i => i / 100m)), (3, Gen.Int[1_000, 200_000].Select(i => (decimal)i)),
        (1, Gen.Int[0, 1_000_000].Select(i => i / 10_000m)));

    private static readonly Gen<BotSpec> Bot = Gen.Select(Gen.Bool, Gen.Int[1, 30], Percent, Percent, Gen.Int[0, 10], Gen.Int[1, 20], Cash,
        Gen.Int[0, 31], (h, w, a, b, c, q, cash, mask) => new BotSpec(h, w, a, b, c, q, cash, mask));

    // Per step and asset: present or not, and a move in basis points (mostly noise, sometimes a sharp fall or rise).
    private static readonly Gen<(bool Present, int Move)> Tick = Gen.Select(Gen.Int[0, 9].Select(i => i > 0),
        Gen.Frequency((20, Gen.Int[-150, 150]), (1, Gen.Int[-4000, -1500]), (1, Gen.Int[1500, 4000])));

    private static readonly Gen<Scenario> Scenarios =
        from assets in Gen.Int[1, 4]
        from decimals in Gen.Int[0, 4]
        from starts in Gen.Int[1, 300_000].Array[assets]
        from ticks in Tick.Array[assets].Array[1, 300]
        from timed in Gen.Bool
        from fee in Gen.Int[0, 4].Select(i => new[] { 0m, 0m, 0.1m, 0.25m, 1m }[i])
        from bots in Bot.Array[1, 8]
        from cut in Gen.Int[0, 1000].Array[2]
        select Build(assets, decimals, starts, ticks, timed, fee, bots, cut);

    private static Scenario Build(int assets, int decimals, int[] starts, (bool, int)[][] ticks, bool timed, decimal fee, BotSpec[] bots,
        int[] cut)
    {
        var unit = 1m / (decimal)Math.Pow(10, decimals);
        var prices = starts.Select(s => Math.Max(unit, Math.Round(s / 100m, decimals))).ToArray();
        var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var steps = new ScenarioStep[ticks.Length];
        for (var t = 0; t < ticks.Length; t++)
        {
            var row = ImmutableArray.CreateBuilder<AssetPrice>();
            for (var a = 0; a < assets; a++)
            {
                var (present, move) = ticks[t][a];
                prices[a] = Math.Max(unit, Math.Round(prices[a] * (1m + move / 10_000m), decimals));
                // Sometimes written with a trailing zero, as a file might have it.
                if (present) row.Add(new AssetPrice(Names[a], move % 3 == 0 ? prices[a] + 0.0m : prices[a]));
            }
            steps[t] = new ScenarioStep(t, row.ToImmutable(), timed ? t0.AddMinutes(t * 7 + t % 5) : null);
        }
        var (from, to) = (cut[0] % (steps.Length + 1), cut[1] % (steps.Length + 1));
        var range = cut[0] % 3 == 0 ? new StepRange(0, steps.Length) : new StepRange(Math.Min(from, to), Math.Max(from, to));
        return new Scenario(assets, steps, fee, bots, range);
    }

    internal static PlainBot[] Bots(Scenario s) => [.. s.Bots.Select((b, i) => new PlainBot($"bot-{i}", b.Hamster
        ? new HamsterStrategy(new HamsterSettings(b.Quantity, b.PercentB / 4, b.Window, b.PercentA, b.Cooldown))
        : new InvestorStrategy(new InvestorSettings(b.Window, b.PercentA, b.PercentB, b.Quantity)),
        [.. Names.Where((_, a) => (b.AssetMask & (1 << a)) != 0 || a == i % s.Assets), .. (b.AssetMask & 16) != 0 ? new[] { "ZZZ" } : []],
        b.Cash))];

    [Fact]
    public void The_fast_pass_gives_exactly_the_reference_replays_summaries() =>
        Scenarios.Sample(s =>
        {
            var assets = Names[..s.Assets];
            var fast = FastSweepPass.TryRun(assets, 50, s.Fee, Bots(s), s.Steps, s.Range);
            Assert.NotNull(fast);
            AssertSame(SweepPass.Reference(assets, 50, s.Fee, Bots(s), s.Steps, s.Range), fast);
        }, iter: 300);

    internal static void AssertSame(IReadOnlyList<BotSummary> expected, IReadOnlyList<BotSummary> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.Bot, a.Bot);
            Same(e.InitialCash, a.InitialCash);
            Same(e.Cash, a.Cash);
            Same(e.Equity, a.Equity);
            Same(e.ProfitLoss, a.ProfitLoss);
            Assert.Equal(e.Trades, a.Trades);
            Same(e.FeesPaid, a.FeesPaid);
            Assert.Equal(e.Positions.Count, a.Positions.Count);
            for (var p = 0; p < e.Positions.Count; p++)
            {
                Assert.Equal(e.Positions[p].Asset, a.Positions[p].Asset);
                Same(e.Positions[p].Quantity, a.Positions[p].Quantity);
                Same(e.Positions[p].AverageEntryPrice, a.Positions[p].AverageEntryPrice);
                Assert.Equal(e.Positions[p].LastPrice?.ToString(), a.Positions[p].LastPrice?.ToString());
                Same(e.Positions[p].Value, a.Positions[p].Value);
            }
            var (ep, ap) = (e.Performance, a.Performance);
            Assert.Equal((ep.RoundTrips, ep.Wins, ep.Losses, ep.Steps, ep.ExposedSteps, ep.Returns),
                (ap.RoundTrips, ap.Wins, ap.Losses, ap.Steps, ap.ExposedSteps, ap.Returns));
            Same(ep.AverageWin, ap.AverageWin);
            Same(ep.AverageLoss, ap.AverageLoss);
            Same(ep.MaxDrawdown, ap.MaxDrawdown);
            Same(ep.MaxDrawdownPercent, ap.MaxDrawdownPercent);
            Same(ep.MeanReturn, ap.MeanReturn);
            Same(ep.ReturnStdDev, ap.ReturnStdDev);
            Same(ep.DownsideDeviation, ap.DownsideDeviation);
            Assert.Equal((ep.LongestDrawdownSteps, ep.LongestDrawdownTime), (ap.LongestDrawdownSteps, ap.LongestDrawdownTime));
            Assert.Equal(ep, ap);
        }
    }

    // The value and the scale (what ToString shows).
    private static void Same(decimal expected, decimal actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture),
            actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Same(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
}
