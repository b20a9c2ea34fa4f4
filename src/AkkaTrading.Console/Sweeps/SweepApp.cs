using Akka.Actor;
using AkkaTrading.Console.Cli;
using AkkaTrading.Console.Files;
using AkkaTrading.Domain.Inputs;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using Spectre.Console;

namespace AkkaTrading.Console.Sweeps;

/// <summary>The <c>sweep</c> and <c>sweep-node</c> commands: read and check everything, run the sweep, print and write its
/// results.</summary>
public static class SweepApp
{
    private static readonly TimeSpan NodesWait = TimeSpan.FromMinutes(1);

    /// <param name="terminal">a progress bar and tables drawn for a terminal; else plain lines</param>
    public static async Task<int> RunAsync(Command.Sweep command, TextWriter output, TextWriter error, bool terminal,
        CancellationToken stop)
    {
        var prepared = await Task.Run(() => PreparedSweep.Start(Guid.NewGuid().ToString("N"), command.Scenario, command.Common.ConfigFile,
            command.Grid), stop).WaitAsync(stop);
        foreach (var warning in prepared.Scenario.Warnings) error.WriteLine($"warning: {warning}");
        var heatmap = HeatmapAxes(command, prepared.Plan);
        var cluster = SweepCluster.Override(prepared.Config.Settings.Sweep.Cluster, command.Cluster.Port, command.Cluster.Hostname,
            command.Cluster.SeedNodes);
        if (command.Nodes > 1 && cluster is null)
            throw new UsageException("--nodes applies to a cluster: give --port (and start sweep-node processes)");
        var options = new SweepOptions(command.Metric, command.Top, command.TrainPercent, command.WalkForward);
        CheckSteps(options, prepared.Steps.Count);
        using var report = command.Common.Report is { } reportOptions ? StagedReport.Prepare(reportOptions) : null;
        var workers = command.Workers ?? prepared.Config.Settings.Sweep.Workers;
        var evaluations = SweepRunner.Evaluations(prepared, options);
        var scenario = command.Scenario;

        var system = SweepCluster.Start(cluster, coordinator: true);
        SweepOutcome outcome;
        try
        {
            var worker = system.ActorOf(SweepWorkerActor.Props(workers), SweepWorkerActor.Name);
            worker.Tell(new UsePrepared(prepared));
            var coordinator = system.ActorOf(SweepCoordinatorActor.Props(worker), SweepCoordinatorActor.Name);
            var grid = prepared.Plan.Grid;
            var axes = string.Join(" × ", grid.Axes.Select(a => $"{a.Key} {a.Values.Length}"));
            output.WriteLine($"Sweep of {grid.Count:N0} combinations of {prepared.Plan.Strategy.Name} " +
                $"({axes}{(grid.Sampled ? $", a sample of {grid.FullCount:N0}" : "")}) " +
                $"over {scenario}: {prepared.Steps.Count:N0} steps, {prepared.Scenario.Outline.PriceCount:N0} prices; {evaluations:N0} " +
                $"evaluations, {workers} workers here");
            if (cluster is not null)
            {
                output.WriteLine($"Cluster node {Akka.Cluster.Cluster.Get(system).SelfAddress}: sweep-node processes join with " +
                    $"--seed-nodes {Akka.Cluster.Cluster.Get(system).SelfAddress}");
                if (command.Nodes > 1)
                {
                    var up = await SweepNodes.WaitForAsync(system, command.Nodes, NodesWait, stop);
                    output.WriteLine(up >= command.Nodes ? $"{up} nodes up"
                        : $"{up} of {command.Nodes} nodes up after a minute; starting with them (nodes that join later take work)");
                }
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // a node the cluster removed (unreachable too long) has stopped its actor system: its sweep cannot end
            using var removed = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _ = system.WhenTerminated.ContinueWith(_ => removed.Cancel(), TaskScheduler.Default);
            try
            {
                outcome = terminal
                    ? await WithProgressAsync(coordinator, prepared, options, evaluations, removed.Token)
                    : await SweepRunner.RunAsync(coordinator, prepared, options, cancel: removed.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw new SweepFailedException("this node was removed from the cluster before the sweep ended (its heartbeats came too " +
                    "late); nothing was written");
            }
            output.WriteLine(FormattableString.Invariant($"{evaluations:N0} evaluations in {clock.Elapsed.TotalSeconds:0.00} s"));
        }
        finally
        {
            await system.Terminate();
        }

        var title = SweepReport.Describe(prepared, outcome);
        var table = SweepTable.Best(outcome, prepared.Plan);
        if (terminal) table.Write(AnsiConsole.Console, title);
        else table.Write(output, title);
        if (outcome.Windows.Count > 0)
        {
            var windows = SweepTable.Windows(outcome, prepared.Plan);
            var windowsTitle = $"Walk-forward: each window's best on its training steps, then on its test steps";
            if (terminal) windows.Write(AnsiConsole.Console, windowsTitle);
            else windows.Write(output, windowsTitle);
            output.WriteLine(SweepReport.WalkForwardSummary(outcome));
        }
        if (report is not null)
            output.WriteLine($"report: {report.Publish(dir => SweepReport.Write(dir, prepared, outcome, scenario, heatmap))}");
        else output.WriteLine("(--report DIR writes sweep.csv with every combination, best.hocon, the heatmap and report.md)");
        return App.ExitOk;
    }

    public static async Task<int> NodeAsync(Command.SweepNode command, TextWriter output, CancellationToken stop)
    {
        var settings = Engine.Settings.TradingConfig.Load(command.ConfigFile).Settings.Sweep;
        var node = SweepCluster.Override(settings.Cluster, command.Cluster.Port, command.Cluster.Hostname, command.Cluster.SeedNodes);
        if (node is not { SeedNodes.Count: > 0 })
            throw new UsageException("sweep-node needs --seed-nodes (or akka-trading.sweep.cluster.seed-nodes): the address of the " +
                $"sweep to join, such as {SweepCluster.AddressOf("127.0.0.1", 4053)}");
        var workers = command.Workers ?? settings.Workers;
        output.WriteLine($"Sweep node joining {string.Join(", ", node.SeedNodes)} with {workers} workers (Ctrl+C stops)");
        var why = await SweepNodes.RunWorkerAsync(node, workers, address => output.WriteLine($"Joined as {address}; taking passes"),
            NodesWait, stop);
        output.WriteLine($"Node stopped: {why}");
        return App.ExitOk;
    }

    private static Task<SweepOutcome> WithProgressAsync(IActorRef coordinator, PreparedSweep prepared, SweepOptions options,
        long evaluations, CancellationToken stop) =>
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(),
                new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("combinations", maxValue: Math.Max(1, evaluations));
                long done = 0;
                var outcome = await SweepRunner.RunAsync(coordinator, prepared, options, n =>
                {
                    done += n;
                    task.Value = done;
                    task.Description = $"{done:N0} of {evaluations:N0} combinations";
                }, stop);
                task.Value = task.MaxValue;
                return outcome;
            });

    /// <summary>The heatmap's axes: --heatmap's two parameters, else the grid's first two; none with one parameter.</summary>
    private static (int, int)? HeatmapAxes(Command.Sweep command, SweepPlan plan)
    {
        var keys = plan.Grid.Axes.Select(a => a.Key).ToList();
        if (command.Heatmap is { } names)
        {
            var unknown = names.FirstOrDefault(n => !keys.Contains(n));
            if (unknown is not null)
                throw new UsageException($"--heatmap names '{Excerpt.Of(unknown)}', which {command.Grid} does not sweep (it sweeps: " +
                    $"{string.Join(", ", keys)})");
            if (names[0] == names[1]) throw new UsageException("--heatmap names the same parameter twice");
            return (keys.IndexOf(names[0]), keys.IndexOf(names[1]));
        }
        return keys.Count >= 2 ? (0, 1) : null;
    }

    private static void CheckSteps(SweepOptions options, int steps)
    {
        if (options.TrainPercent is not null && steps < 2)
            throw new UsageException($"--train needs at least 2 steps; the scenario has {steps}");
        if (options.WalkForward > 0 && steps < 2 * options.WalkForward)
            throw new UsageException(
                $"--walk-forward {options.WalkForward} needs at least {2 * options.WalkForward} steps; the scenario has {steps}");
    }
}
