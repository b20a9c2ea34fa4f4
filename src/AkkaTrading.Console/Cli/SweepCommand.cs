using System.CommandLine;
using System.Globalization;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>sweep &lt;scenario&gt; --grid &lt;grid.hocon&gt;</c> and <c>sweep-node</c>: parameter sweeps, on one machine or a
/// cluster.</summary>
public static class SweepCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console sweep <scenario.csv|scenario.hocon> --grid <grid.hocon> [options]

        Replays the scenario once per combination of the grid's parameters (many combinations per
        pass, passes over every core) and ranks them. The count of combinations is printed before
        anything runs. Results are the same, byte for byte, whatever the workers or nodes.

        Options:
          --grid <grid.hocon>     the bot template and the parameters to sweep (see hocon/sweeps/)
          --metric <metric>       rank by return (default), profit-loss, max-drawdown (lowest first),
                                  win-rate, trades or sharpe
          --top <K>               show the best K (default 10); with --train, replay them on the test part
          --train <P%>            rank on the first P% of the steps, then replay the best on the rest
          --walk-forward <N>      also roll the train/test split over N consecutive windows
          --heatmap <KEY,KEY>     the two parameters of the heatmap (default: the grid's first two)
          --workers <N>           passes at once on this machine (default: akka-trading.sweep.workers)
          --report <dir>          write report.md, sweep.csv, best.hocon and the heatmap here
          --force                 with --report: replace the report already in the directory, whole
        Cluster (Akka.Cluster; every node must read the scenario at the same path; these override
        akka-trading.sweep.cluster):
          --port <P>              listen as a cluster node on this port (0: any); sweep-node processes join it
          --hostname <H>          the address to listen on (default 127.0.0.1)
          --seed-nodes <A,A>      join these nodes instead of starting a cluster
          --nodes <N>             wait (up to a minute) until N nodes, this one included, are up
          --config <file.hocon>   layer a HOCON file over the built-in defaults (exchange, strategies,
                                  akka-trading.sweep)
          --log-level <level>     verbose, debug, information (default), warning, error
          --log-file <path>       also write the log to this file
          --plain                 in a terminal too: plain lines, no progress bar
          -h, --help              show help
        """;

    public const string NodeHelp = """
        Usage: AkkaTrading.Console sweep-node --seed-nodes <akka.tcp://akka-trading-sweep@HOST:PORT> [options]

        A worker node: joins the cluster of a running 'sweep --port P' and evaluates passes of its
        sweep until that sweep ends (or Ctrl+C). A node that joins mid-sweep takes work; one that
        stops has its unfinished passes redone elsewhere.

        Options:
          --seed-nodes <A,A>      the nodes to join (the sweep's address)
          --port <P>              listen on this port (default 0: any free port)
          --hostname <H>          the address to listen on (default 127.0.0.1)
          --workers <N>           passes at once on this node (default: akka-trading.sweep.workers)
          --config <file.hocon>   akka-trading.sweep's workers and cluster { hostname, port, seed-nodes }
          -h, --help              show help
        """;

    public static IEnumerable<CliCommand> Create(Dispatch dispatch) => [Sweep(dispatch), Node(dispatch)];

    private static CliCommand Sweep(Dispatch dispatch)
    {
        var scenario = new Argument<string>("scenario") { Description = "a scenario file", HelpName = "scenario.csv|scenario.hocon" };
        var grid = CliOption.Text("--grid", "grid.hocon");
        var metric = CliOption.Of("--metric", "metric", text => SweepMetric.Find(text) ?? throw new UsageException(
            $"--metric '{text}' is not a metric: use {string.Join(", ", SweepMetric.All.Select(m => m.Name))}"));
        var top = Whole("--top", "K", 1, 1000);
        var train = CliOption.Of<int?>("--train", "P%", text => int.TryParse(text.TrimEnd('%'), NumberStyles.None,
            CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 99 ? p
            : throw new UsageException($"--train '{text}' is not a percentage of the steps from 1% to 99%, such as 70%"));
        var walkForward = Whole("--walk-forward", "N", 1, 100);
        var heatmap = CliOption.Of<IReadOnlyList<string>?>("--heatmap", "KEY,KEY", text => text.Split(',') is { Length: 2 } keys
            && keys.All(k => k.Length > 0) ? keys
            : throw new UsageException($"--heatmap '{text}' does not name two parameters as KEY,KEY"));
        var workers = Whole("--workers", "N", 1, 1024);
        var cluster = new ClusterOptionSet();
        var nodes = Whole("--nodes", "N", 1, 100);
        var common = new CommonOptionSet();
        var command = new CliCommand("sweep") { scenario, grid, metric, top, train, walkForward, heatmap, workers, nodes };
        cluster.AddTo(command);
        common.AddTo(command);
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) =>
        {
            var node = cluster.Read(parse);
            return dispatch(new Command.Sweep(common.Read(parse), parse.GetValue(scenario)!,
                parse.GetValue(grid) ?? throw new UsageException("'sweep' needs --grid <grid.hocon>: the parameters to sweep"),
                parse.GetValue(metric) ?? SweepMetric.Return, parse.GetValue(top) ?? 10, parse.GetValue(train),
                parse.GetValue(walkForward) ?? 0, parse.GetValue(heatmap), parse.GetValue(workers), node, parse.GetValue(nodes) ?? 1),
                stop);
        });
        return command;
    }

    private static CliCommand Node(Dispatch dispatch)
    {
        var workers = Whole("--workers", "N", 1, 1024);
        var config = CliOption.Text("--config", "file.hocon");
        var cluster = new ClusterOptionSet();
        var command = new CliCommand("sweep-node") { workers, config };
        cluster.AddTo(command);
        HelpText.AddTo(command, NodeHelp);
        command.SetAction((parse, stop) =>
            dispatch(new Command.SweepNode(parse.GetValue(config), cluster.Read(parse), parse.GetValue(workers)), stop));
        return command;
    }

    private static Option<int?> Whole(string name, string helpName, int min, int max) =>
        CliOption.Of<int?>(name, helpName, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= min && n <= max ? n : throw new UsageException($"{name} '{text}' is not a whole number from {min} to {max}"));

    /// <summary>--port, --hostname and --seed-nodes: where a node listens and whom it joins.</summary>
    private sealed class ClusterOptionSet
    {
        private readonly Option<int?> _port = Whole("--port", "P", 0, 65535);
        private readonly Option<string?> _hostname = CliOption.Text("--hostname", "H");
        private readonly Option<IReadOnlyList<string>?> _seeds = CliOption.Of<IReadOnlyList<string>?>("--seed-nodes", "A,A", text =>
        {
            var seeds = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (seeds.Length == 0) throw new UsageException($"--seed-nodes '{text}' names no node");
            var problem = seeds.Select(SweepCluster.AddressProblem).FirstOrDefault(p => p is not null);
            return problem is null ? seeds : throw new UsageException($"--seed-nodes {problem}");
        });

        public void AddTo(CliCommand command)
        {
            command.Options.Add(_port);
            command.Options.Add(_hostname);
            command.Options.Add(_seeds);
        }

        public ClusterOptions Read(ParseResult parse) => new(parse.GetValue(_port), parse.GetValue(_hostname), parse.GetValue(_seeds));
    }
}
