using System.Diagnostics;
using System.Globalization;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// A sweep's pass: the reference replay (<see cref="SweepPass.Reference"/>) against <see cref="FastSweepPass"/> on the generated
/// scenario, results checked identical; then 1,000 combinations over 100,000 steps of 3 assets, as two passes of 500.
/// </summary>
public static class SweepPassBenchmark
{
    public static int Run(int steps, int bigSteps, int runs)
    {
        System.Console.WriteLine($"AkkaTrading sweep-pass benchmark — {DateTime.UtcNow:yyyy-MM-dd}, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {runs} runs after a warm-up");
        System.Console.WriteLine();
        var scenario = new GeneratedScenario(3, steps, seed: 3);
        var all = scenario.Steps().ToArray();
        var range = new StepRange(0, all.Length);
        var assets = scenario.Assets;
        Func<PlainBot[]> bots = () => Combinations(100, assets);

        var reference = SweepPass.Reference(assets, 1000, 0m, bots(), all, range);
        var fast = FastSweepPass.TryRun(assets, 1000, 0m, bots(), all, range)
            ?? throw new InvalidOperationException("the fast pass declined the benchmark's bots");
        Check(reference, fast, "100 bots");
        var referenceTimes = Measure(runs, () => SweepPass.Reference(assets, 1000, 0m, bots(), all, range));
        var fastTimes = Measure(runs, () => FastSweepPass.TryRun(assets, 1000, 0m, bots(), all, range));
        var (r, f) = (Rates(referenceTimes, scenario.TickCount), Rates(fastTimes, scenario.TickCount));
        var caseName = $"3 assets, 100 bots, {steps.ToString("N0", CultureInfo.InvariantCulture)} steps";
        System.Console.WriteLine($"{caseName,-36} {"ticks/s",12} {"(min–max)",25}");
        System.Console.WriteLine($"{"  reference (PlainReplay)",-36} {r.Median,12:N0} {$"({r.Min:N0}–{r.Max:N0})",25}");
        System.Console.WriteLine($"{"  FastSweepPass",-36} {f.Median,12:N0} {$"({f.Min:N0}–{f.Max:N0})",25}   " +
            $"{f.Median / r.Median:N1}× faster, {fast.Sum(s => s.Trades):N0} trades, identical");
        System.Console.WriteLine();

        var big = new GeneratedScenario(3, bigSteps, seed: 5).Steps().ToArray();
        var check = new StepRange(0, Math.Min(5_000, big.Length));
        Check(SweepPass.Reference(assets, 1000, 0m, Combinations(1_000, assets), big, check),
            FastSweepPass.TryRun(assets, 1000, 0m, Combinations(1_000, assets), big, check)!, "1,000 combinations (first steps)");
        var whole = new StepRange(0, big.Length);
        Func<int, BotSummary[]> half = h => FastSweepPass.TryRun(assets, 1000, 0m, Combinations(1_000, assets)[(h * 500)..(h * 500 + 500)],
            big, whole)!;
        var oneThread = Measure(runs, () => { half(0); half(1); });
        var twoThreads = Measure(runs, () => Parallel.For(0, 2, h => half(h)));
        var (o, t) = (Stats(oneThread), Stats(twoThreads));
        System.Console.WriteLine($"1,000 combinations × {bigSteps:N0} steps × 3 assets (two passes of 500 bots), seconds:");
        System.Console.WriteLine($"  one thread, one pass after the other  {o.Median,6:N2} ({o.Min:N2}–{o.Max:N2})");
        System.Console.WriteLine($"  two threads, one pass each            {t.Median,6:N2} ({t.Min:N2}–{t.Max:N2})");
        return 0;
    }

    /// <summary>Half Investors, half Hamsters, with windows, percents and cooldowns spread over a grid.</summary>
    public static PlainBot[] Combinations(int count, string[] assets) => [.. Enumerable.Range(0, count).Select(i => i % 2 == 0
        ? new PlainBot($"investor-{i}",
            new InvestorStrategy(new InvestorSettings(5 + i / 2 % 40, 1m + i / 80 % 10 * 0.5m, 2m + i % 7, 10m)), assets, 1_000_000m)
        : new PlainBot($"hamster-{i}", new HamsterStrategy(new HamsterSettings(5m, 0.5m + i % 5 * 0.25m, 2 + i / 2 % 20, 5m + i % 9,
            i % 11)), assets, 1_000_000m))];

    private static void Check(BotSummary[] expected, BotSummary[] actual, string what)
    {
        var (e, a) = (expected.Select(Text).ToArray(), actual.Select(Text).ToArray());
        if (!e.SequenceEqual(a)) throw new InvalidOperationException($"{what}: the fast pass and the reference disagree");
    }

    // Every field, decimals with their scale, doubles by their bits.
    private static string Text(BotSummary s)
    {
        var p = s.Performance;
        return string.Join("|", s.Bot, s.InitialCash, s.Cash, s.Equity, s.ProfitLoss, s.Trades, s.FeesPaid,
            string.Join(";", s.Positions.Select(x => $"{x.Asset},{x.Quantity},{x.AverageEntryPrice},{x.LastPrice},{x.Value}")),
            p with { MeanReturn = 0, ReturnStdDev = 0, DownsideDeviation = 0 },
            BitConverter.DoubleToInt64Bits(p.MeanReturn), BitConverter.DoubleToInt64Bits(p.ReturnStdDev),
            BitConverter.DoubleToInt64Bits(p.DownsideDeviation));
    }

    private static List<double> Measure(int runs, Action action)
    {
        action(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        return times;
    }

    private static (double Median, double Min, double Max) Rates(List<double> seconds, long ticks)
    {
        var rates = seconds.Select(s => ticks / s).Order().ToArray();
        return (rates[rates.Length / 2], rates[0], rates[^1]);
    }

    private static (double Median, double Min, double Max) Stats(List<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[0], sorted[^1]);
    }
}
