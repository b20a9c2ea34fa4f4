using System.Globalization;
using System.Text;
using Akka.Actor;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;

namespace AkkaTrading.Engine.Tests.Sweeps;

/// <summary>Scenario, grid and configuration files of a sweep in a temporary directory, and sweeps run over them.</summary>
public sealed class SweepFixture : IDisposable
{
    public const string InvestorGrid = """
        sweep {
          bot { strategy = investor, assets = [ALFA, BETA, GAMMA], initial-cash = 10000 }
          parameters {
            window = [3, 10, 25]
            dip-percent { from = 1, to = 4, step = 1.5 }
            take-profit-percent = [2, 5.5]
          }
        }
        """;

    public const string HamsterGrid = """
        sweep {
          bot { strategy = hamster, assets = all, initial-cash = 3000, settings { quantity = 7 } }
          parameters {
            cheaper-by-percent = [0.5, 2]
            crash-percent { from = 2, to = 12, step = 2 }
            cooldown = [0, 4, 15]
          }
          random { samples = 12, seed = 3 }
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("akka-trading-sweep-").FullName;

    public SweepFixture(int steps = 400, int seed = 5)
    {
        ScenarioPath = Path.Combine(_dir, "scenario.csv");
        File.WriteAllText(ScenarioPath, Scenario(steps, seed));
    }

    public string ScenarioPath { get; }

    /// <summary>Random walks with sharp falls and rallies, so that every strategy buys and sells; some steps lack an asset.</summary>
    public static string Scenario(int steps, int seed)
    {
        var random = new Random(seed);
        var prices = new[] { 100m, 50m, 250m };
        var names = new[] { "ALFA", "BETA", "GAMMA" };
        var csv = new StringBuilder("step,asset,price\n");
        for (var step = 0; step < steps; step++)
            for (var a = 0; a < 3; a++)
            {
                if (step > 0 && random.Next(10) == 0) continue;
                var move = random.Next(40) == 0 ? -0.12 : random.Next(40) == 0 ? 0.1 : (random.NextDouble() - 0.5) * 0.05;
                prices[a] = Math.Max(1m, Math.Round(prices[a] * (decimal)(1 + move), 2));
                csv.Append(CultureInfo.InvariantCulture, $"{step},{names[a]},{prices[a]}\n");
            }
        return csv.ToString();
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public PreparedSweep Prepare(string grid, string? config = null) =>
        PreparedSweep.Start(Guid.NewGuid().ToString("N"), ScenarioPath, config is null ? null : Write("config.hocon", config),
            Write("grid.hocon", grid));

    /// <summary>A sweep in a process alone, with <paramref name="slots"/> passes at once.</summary>
    public static async Task<SweepOutcome> RunLocalAsync(PreparedSweep sweep, SweepOptions options, int slots)
    {
        var system = SweepCluster.Start(null, coordinator: true, logLevel: "ERROR");
        try
        {
            var worker = system.ActorOf(SweepWorkerActor.Props(slots), SweepWorkerActor.Name);
            var coordinator = system.ActorOf(SweepCoordinatorActor.Props(worker), SweepCoordinatorActor.Name);
            return await SweepRunner.RunAsync(coordinator, sweep, options);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Every figure of the outcome as text, exactly (decimals with their digits, doubles round-tripped).</summary>
    public static string Text(SweepOutcome outcome)
    {
        var text = new StringBuilder();
        foreach (var row in outcome.Rows) Append(row);
        text.AppendJoin(',', outcome.Ranked).Append('\n');
        foreach (var window in outcome.Windows)
        {
            text.Append(CultureInfo.InvariantCulture, $"window {window.Number} {window.Train} {window.Test}\n");
            foreach (var row in window.Best) Append(row);
        }
        return text.ToString();

        void Append(SweepRow row) => text.Append(CultureInfo.InvariantCulture,
            $"c{row.Combination} {string.Join(' ', row.Values)} {Figures(row.InSample)} {Figures(row.OutOfSample)}\n");
    }

    public static string Figures(SweepStatistics? s) => s is null ? "-" : string.Create(CultureInfo.InvariantCulture,
        $"{s.ReturnPercent} {s.ProfitLoss} {s.MaxDrawdownPercent} {s.WinRatePercent} {s.Trades} {s.RoundTrips} {s.Equity} " +
        $"{s.Sharpe?.ToString("R", CultureInfo.InvariantCulture)}");

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
