using System.Diagnostics;
using System.Globalization;
using AkkaTrading.Benchmarks;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Running;
using AkkaTrading.Engine.Settings;

// Replay throughput: the actor pipeline (exactly as `replay` runs it) against a plain single-threaded loop
// of the same rules over the same seeded data, cross-checked trade for trade.
//   dotnet run -c Release --project bench/AkkaTrading.Benchmarks [-- --steps 1000000 --runs 5]
//   dotnet run -c Release --project bench/AkkaTrading.Benchmarks -- plain-csv <file.csv>   (the plain program of the CSV comparison)
//   dotnet run -c Release --project bench/AkkaTrading.Benchmarks -- gateway [--subscribers 1000] [--hold 60] [--runs 3]   (GatewayLoad)
//   dotnet run -c Release --project bench/AkkaTrading.Benchmarks -- ledger [--seconds 10] [--runs 3] [--restart-events 1000000]
//   dotnet run -c Release --project bench/AkkaTrading.Benchmarks -- sweep [--steps 100000] [--runs 3]   (SweepBenchmark)
//   dotnet run -c Release --project bench/AkkaTrading.Benchmarks -- sweep-pass [--steps 50000] [--big-steps 100000] [--runs 3]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var options = args.ToList();
if (options.Count == 2 && options[0] == "plain-csv")
{
    Console.WriteLine($"{Bench.PlainCsv(Bench.Config(3, 2).Settings, options[1])} trades");
    return 0;
}
if (options.FirstOrDefault() == "gateway-server")
    return await GatewayServerProcess.RunAsync(options.Count > 1 ? options[1] : null);
if (options.FirstOrDefault() == "ledger")
{
    LedgerBenchmark.Bots = Bench.Option(options, "--bots", 200);
    return await LedgerBenchmark.RunAsync(Bench.Option(options, "--seconds", 10), Bench.Option(options, "--runs", 3),
        Bench.Option(options, "--restart-events", 1_000_000));
}
if (options.FirstOrDefault() == "sweep")
    return SweepBenchmark.Run(Bench.Option(options, "--steps", 100_000), Bench.Option(options, "--runs", 3));
if (options.FirstOrDefault() == "sweep-pass")
    return SweepPassBenchmark.Run(Bench.Option(options, "--steps", 50_000), Bench.Option(options, "--big-steps", 100_000),
        Bench.Option(options, "--runs", 3));
if (options.FirstOrDefault() == "gateway")
    return GatewayLoad.Run(Bench.Option(options, "--subscribers", 1000), Bench.Option(options, "--hold", 60),
        Bench.Option(options, "--runs", 3));
var steps = Bench.Option(options, "--steps", 1_000_000);
var runs = Bench.Option(options, "--runs", 5);

Console.WriteLine($"AkkaTrading replay benchmark — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, median of {runs} runs after a warm-up");
Console.WriteLine();
Console.WriteLine($"{"case",-28} {"pipeline ticks/s",17} {"(min–max)",21} {"plain ticks/s",14} {"ratio",6} {"trades",8} {"B/tick",7} {"bench peak WS MB",17}");
Bench.Row("3 assets, 2 bots", new GeneratedScenario(3, steps, seed: 1), bots: 2, runs);
Bench.Row("3 assets, 10 bots", new GeneratedScenario(3, steps / 4, seed: 2), bots: 10, runs);
Bench.Row("3 assets, 100 bots", new GeneratedScenario(3, steps / 20, seed: 3), bots: 100, runs);
Bench.Row("30 assets, 2 bots", new GeneratedScenario(30, steps / 10, seed: 4), bots: 2, runs);
Console.WriteLine();
Bench.LiveLatencyRow(runs);
Console.WriteLine();
Bench.CsvCommand(new GeneratedScenario(3, steps, seed: 1), runs);
return 0;

static class Bench
{
    public static int Option(List<string> args, string name, int fallback)
    {
        var i = args.IndexOf(name);
        return i >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Half Investors, half Hamsters, each with its own settings, all on every asset.</summary>
    public static TradingConfig Config(int assets, int bots) => TradingConfig.FromText(ConfigText(assets, bots), "benchmark");

    public static string ConfigText(int assets, int bots)
    {
        var names = new GeneratedScenario(assets, 1, 0).Assets;
        var list = string.Join("\n", Enumerable.Range(0, bots).Select(i => i % 2 == 0
            ? $"{{ name = investor-{i}, strategy = investor, assets = [{string.Join(", ", names)}], initial-cash = 1000000, settings {{ window = {20 + i % 7}, dip-percent = {5 + i % 3} }} }}"
            : $"{{ name = hamster-{i}, strategy = hamster, assets = [{string.Join(", ", names)}], initial-cash = 1000000, settings {{ crash-percent = {8 + i % 4}, cooldown = {10 + i % 5} }} }}"));
        return $"akka-trading.bots = [\n{list}\n]";
    }

    public static void Row(string name, GeneratedScenario scenario, int bots, int runs)
    {
        var config = Config(scenario.Assets.Length, bots);
        var source = new ScenarioSource("generated", new ScenarioOutline(scenario.Assets, scenario.StepCount, scenario.TickCount), scenario.Steps);

        var plain = Plain(config.Settings, scenario.Assets, scenario.Steps()); // warm-up
        var plainTimes = Measure(runs, () => Plain(config.Settings, scenario.Assets, scenario.Steps()), out _);

        var pipeline = Pipeline(config, source); // warm-up and cross-check
        var expected = TradeLogText(plain);
        if (pipeline != expected)
            throw new InvalidOperationException($"{name}: the actor pipeline and the plain loop disagree on the trades");
        var pipelineTimes = Measure(runs, () => Pipeline(config, source), out var bytes);

        var p = Stats(pipelineTimes, scenario.TickCount);
        var b = Stats(plainTimes, scenario.TickCount);
        Console.WriteLine($"{name,-28} {p.Median,17:N0} {$"({p.Min:N0}–{p.Max:N0})",21} {b.Median,14:N0} {p.Median / b.Median,6:P0} {plain.Count,8:N0} {bytes / scenario.TickCount,7:N0} {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,17:N0}");
    }

    /// <summary>The baseline: the reference replay (<see cref="ReferenceReplay"/>), its trades as trade log rows.</summary>
    public static List<string> Plain(TradingSettings settings, IReadOnlyList<string> assets, IEnumerable<ScenarioStep> steps)
    {
        var trades = new List<string>();
        ReferenceReplay.Run(settings, assets, steps, fill => trades.Add(AkkaTrading.Domain.Reporting.TradeLog.Row(fill)));
        return trades;
    }

    /// <summary>Parses a scenario CSV and applies the rules: the plain program the whole replay command is compared with.</summary>
    public static int PlainCsv(TradingSettings settings, string path) =>
        Plain(settings, [.. settings.Bots.SelectMany(b => b.Assets).Distinct()], CsvScenario.Read(path)).Count;

    public static void LiveLatencyRow(int runs)
    {
        var settings = Config(3, 2).Settings;
        LiveLatency.Run(settings, 10_000, TimeSpan.FromSeconds(1)); // warm-up
        var results = Enumerable.Range(0, runs).Select(_ => LiveLatency.Run(settings, 10_000, TimeSpan.FromSeconds(3))).ToArray();
        var p50 = results.Select(r => r.P50Micros).Order().ToArray();
        var p99 = results.Select(r => r.P99Micros).Order().ToArray();
        Console.WriteLine($"live tick-to-fill at 10,000 ticks/s (Investor + Hamster trading, probe order every 10th price, {results[0].Samples:N0} samples a run):");
        Console.WriteLine($"  p50 {p50[runs / 2]:N0} µs ({p50[0]:N0}–{p50[^1]:N0}), p99 {p99[runs / 2]:N0} µs ({p99[0]:N0}–{p99[^1]:N0}), medians of {runs} runs");
    }

    public static void CsvCommand(GeneratedScenario scenario, int runs)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"akka-trading-bench-{scenario.StepCount}.csv");
        scenario.WriteCsv(csv);
        var console = Path.Combine(AppContext.BaseDirectory, "AkkaTrading.Console.dll");
        var self = Path.Combine(AppContext.BaseDirectory, "AkkaTrading.Benchmarks.dll");
        var config = Path.Combine(Path.GetTempPath(), "akka-trading-bench.hocon");
        File.WriteAllText(config, ConfigText(3, 2));

        var replay = Wall(runs, console, $"replay {csv} --config {config} --log-level error", out var replayPeak);
        var plain = Wall(runs, self, $"plain-csv {csv}", out var plainPeak);
        Console.WriteLine($"whole `replay` command on a {scenario.TickCount:N0}-row CSV (process start to exit, median of {runs}):");
        Console.WriteLine($"  replay {replay.Median:N2} s ({replay.Min:N2}–{replay.Max:N2}), peak working set {replayPeak / 1e6:N0} MB");
        Console.WriteLine($"  plain  {plain.Median:N2} s ({plain.Min:N2}–{plain.Max:N2}), peak working set {plainPeak / 1e6:N0} MB");
        Console.WriteLine($"  replay / plain = {replay.Median / plain.Median:N2}×");
        File.Delete(csv);
    }

    /// <summary>The actor pipeline through the one entry point of a replay (<see cref="ReplayRun"/>), in an actor system of its
    /// own.</summary>
    private static string Pipeline(TradingConfig config, ScenarioSource source)
    {
        var log = new StringWriter { NewLine = "\n" };
        var system = Akka.Actor.ActorSystem.Create("bench", "akka.loglevel = ERROR");
        try
        {
            ReplayRun.RunAsync(system, new ReplayRequest(config.Settings, new SimulationMode.Replay(source), log)).GetAwaiter().GetResult();
        }
        finally
        {
            system.Terminate().GetAwaiter().GetResult();
        }
        return log.ToString();
    }

    private static string TradeLogText(List<string> rows) =>
        AkkaTrading.Domain.Reporting.TradeLog.Header + "\n" + string.Concat(rows.Select(r => r + "\n"));

    private static List<double> Measure(int runs, Action action, out long bytesPerRun)
    {
        var times = new List<double>();
        long bytes = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalSeconds);
            bytes += GC.GetTotalAllocatedBytes(precise: true) - before;
        }
        bytesPerRun = bytes / runs;
        return times;
    }

    private static (double Median, double Min, double Max) Stats(List<double> seconds, long ticks)
    {
        var rates = seconds.Select(s => ticks / s).Order().ToArray();
        return (rates[rates.Length / 2], rates[0], rates[^1]);
    }

    /// <summary>The process's peak resident set (VmHWM in /proc), or 0 once it has exited.</summary>
    private static long PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static (double Median, double Min, double Max) Wall(int runs, string dll, string arguments, out long peak)
    {
        var times = new List<double>();
        peak = 0;
        for (var i = 0; i <= runs; i++) // the first run warms the disk cache and is not counted
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("dotnet", $"{dll} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            long processPeak = 0;
            while (!process.WaitForExit(20)) processPeak = Math.Max(processPeak, PeakResidentBytes(process.Id));
            process.StandardOutput.ReadToEnd();
            if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet {dll} {arguments} failed: {process.StandardError.ReadToEnd()}");
            if (i > 0) times.Add(watch.Elapsed.TotalSeconds);
            peak = Math.Max(peak, processPeak);
        }
        times.Sort();
        return (times[times.Count / 2], times[0], times[^1]);
    }
}
