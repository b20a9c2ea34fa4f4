using System.Diagnostics;
using Akka.Actor;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// Whole sweeps through the coordinator and workers, as the <c>sweep</c> command runs them: 1,000 Investor combinations over a
/// generated scenario of 3 assets, on one worker, on a worker per core, and on three cluster nodes on loopback in this
/// process (whose worker nodes read the scenario themselves on their first pass, as sweep-node does). Every way must give the
/// same figures.
/// </summary>
public static class SweepBenchmark
{
    private const string Grid = """
        sweep {
          bot { strategy = investor, assets = all, initial-cash = 1000000 }
          parameters {
            window = [5, 10, 15, 20, 25, 30, 40, 50, 60, 80]
            dip-percent { from = 0.5, to = 5, step = 0.5 }
            take-profit-percent { from = 1, to = 10, step = 1 }
          }
        }
        """;

    public static int Run(int steps, int runs)
    {
        var dir = Directory.CreateTempSubdirectory("akka-trading-sweep-bench-").FullName;
        try
        {
            var scenario = Path.Combine(dir, "scenario.csv");
            new GeneratedScenario(3, steps, seed: 5).WriteCsv(scenario);
            File.WriteAllText(Path.Combine(dir, "grid.hocon"), Grid);
            var sweep = PreparedSweep.Start("bench", scenario, null, Path.Combine(dir, "grid.hocon"));
            var options = new SweepOptions(SweepMetric.Return, 10, null);
            System.Console.WriteLine($"AkkaTrading sweep benchmark — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, " +
                $".NET {Environment.Version}; {sweep.Plan.Grid.Count:N0} combinations × {sweep.Steps.Count:N0} steps × 3 assets, " +
                $"median of {runs} runs after a warm-up");
            System.Console.WriteLine($"{"case",-34} {"seconds",8} {"(min–max)",16} {"combination-steps/s",20}");
            string? expected = null;
            // each case times the sweep alone, from the first pass handed out to the last figure in (not starting nodes)
            void Row(string name, Func<(SweepOutcome Outcome, double Seconds)> run)
            {
                var text = Text(run().Outcome); // warm-up, and the figures every way must agree on
                if ((expected ??= text) != text) throw new InvalidOperationException($"{name}: the figures differ from the first case's");
                var seconds = Enumerable.Range(0, runs).Select(_ => run().Seconds).Order().ToArray();
                var rate = sweep.Plan.Grid.Count * (double)sweep.Steps.Count / seconds[runs / 2];
                System.Console.WriteLine($"{name,-34} {seconds[runs / 2],8:N2} {$"({seconds[0]:N2}–{seconds[^1]:N2})",16} {rate,20:N0}");
            }
            Row("1 worker", () => Local(sweep, options, 1));
            Row($"{Environment.ProcessorCount} workers (one per core)", () => Local(sweep, options, Environment.ProcessorCount));
            Row("3 nodes on loopback, 1 worker each", () => Cluster(sweep, options));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (SweepOutcome, double) Timed(IActorRef coordinator, PreparedSweep sweep, SweepOptions options)
    {
        var watch = Stopwatch.StartNew();
        var outcome = SweepRunner.RunAsync(coordinator, sweep, options).GetAwaiter().GetResult();
        return (outcome, watch.Elapsed.TotalSeconds);
    }

    private static (SweepOutcome, double) Local(PreparedSweep sweep, SweepOptions options, int workers)
    {
        var system = SweepCluster.Start(null, coordinator: true, logLevel: "OFF");
        try
        {
            var worker = system.ActorOf(SweepWorkerActor.Props(workers), SweepWorkerActor.Name);
            worker.Tell(new UsePrepared(sweep));
            var coordinator = system.ActorOf(SweepCoordinatorActor.Props(worker), SweepCoordinatorActor.Name);
            return Timed(coordinator, sweep, options);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    /// <summary>Three nodes, each with one worker; the two worker nodes read the scenario themselves as sweep-node does.</summary>
    private static (SweepOutcome, double) Cluster(PreparedSweep sweep, SweepOptions options)
    {
        var first = SweepCluster.Start(new SweepCluster.Node("127.0.0.1", 0, []), coordinator: true, logLevel: "OFF");
        var seed = Akka.Cluster.Cluster.Get(first).SelfAddress.ToString();
        var others = Enumerable.Range(0, 2)
            .Select(_ => SweepCluster.Start(new SweepCluster.Node("127.0.0.1", 0, [seed]), coordinator: false, logLevel: "OFF")).ToList();
        try
        {
            foreach (var node in others) node.ActorOf(SweepWorkerActor.Props(1), SweepWorkerActor.Name);
            var worker = first.ActorOf(SweepWorkerActor.Props(1), SweepWorkerActor.Name);
            worker.Tell(new UsePrepared(sweep));
            var coordinator = first.ActorOf(SweepCoordinatorActor.Props(worker), SweepCoordinatorActor.Name);
            if (SweepNodes.WaitForAsync(first, 3, TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult() < 3)
                throw new InvalidOperationException("the three nodes did not come up");
            return Timed(coordinator, sweep, options);
        }
        finally
        {
            Task.WaitAll([.. others.Append(first).Select(n => n.Terminate())]);
        }
    }

    private static string Text(SweepOutcome outcome) =>
        string.Join("\n", outcome.Rows.Select(r => $"{r.Combination} {r.InSample}")) + string.Join(",", outcome.Ranked);
}
