using System.CommandLine;
using System.Globalization;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>sweep &lt;scenario&gt; --grid &lt;grid.hocon&gt;</c> and <c>sweep-node</c>: parameter sweeps, on one machine or a cluster.</summary>
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
        Cluster (Akka.Cluster; every node must read the scenario at the same path):
          --port <P>              listen as a cluster node on this port; sweep-node processes join it
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
          --workers <N>           passes at once on this node (default: one per core)
          -h, --help              show help
        """;

    public static IEnumerable<CliCommand> Create(Dispatch dispatch) => [Sweep(dispatch), Node(dispatch)];

    private static CliCommand Sweep(Dispatch dispatch)
    {
        var scenario = new Argument<string>("scenario") { HelpName = "scenario.csv|scenario.hocon" };
        var grid = CliOption.Text("--grid", "grid.hocon");
        var metric = CliOption.Of("--metric", "metric", text => SweepMetric.Find(text) ?? throw new UsageException(
            $"--metric '{text}' is not a metric: use {string.Join(", ", SweepMetric.All.Select(m => m.Name))}"));
        var top = Whole("--top", "K", 1, 1000);
        var train = CliOption.Of<int?>("--train", "P%", text => int.TryParse(text.TrimEnd('%'), NumberStyles.None,
            CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 99 ? p
            : throw new UsageException($"--train '{text}' is not a percentage of the steps from 1% to 99%, such as 70%"));
        var walkForward = Whole("--walk-forward", "N", 1, 100);
        var heatmap = CliOption.Of<IReadOnlyList<string>?>("--heatmap", "KEY,KEY", text => text.Split(',') is { Length: 2 } keys
            && keys.All(k => k.Length > 0) ? keys : throw new UsageException($"--heatmap '{text}' does not name two parameters as KEY,KEY"));
        var workers = Whole("--workers", "N", 1, 1024);
        var cluster = new ClusterOptions();
        var nodes = Whole("--nodes", "N", 1, 100);
        var common = new CommonOptionSet();
        var command = new CliCommand("sweep") { scenario, grid, metric, top, train, walkForward, heatmap, workers, nodes };
        cluster.AddTo(command);
        common.AddTo(command);
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) =>
        {
            var node = cluster.Read(parse, requireSeeds: false);
            if (parse.GetValue(nodes) is not null && node is null)
                throw new UsageException("--nodes applies to a cluster: give --port (and start sweep-node processes)");
            return dispatch(new Command.Sweep(common.Read(parse), parse.GetValue(scenario)!,
                parse.GetValue(grid) ?? throw new UsageException("'sweep' needs --grid <grid.hocon>: the parameters to sweep"),
                parse.GetValue(metric) ?? SweepMetric.Return, parse.GetValue(top) ?? 10, parse.GetValue(train),
                parse.GetValue(walkForward) ?? 0, parse.GetValue(heatmap), parse.GetValue(workers), node, parse.GetValue(nodes) ?? 1), stop);
        });
        return command;
    }

    private static CliCommand Node(Dispatch dispatch)
    {
        var workers = Whole("--workers", "N", 1, 1024);
        var cluster = new ClusterOptions();
        var command = new CliCommand("sweep-node") { workers };
        cluster.AddTo(command);
        HelpText.AddTo(command, NodeHelp);
        command.SetAction((parse, stop) =>
            dispatch(new Command.SweepNode(cluster.Read(parse, requireSeeds: true)!, parse.GetValue(workers)), stop));
        return command;
    }

    private static Option<int?> Whole(string name, string helpName, int min, int max) =>
        CliOption.Of<int?>(name, helpName, text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= min && n <= max ? n : throw new UsageException($"{name} '{text}' is not a whole number from {min} to {max}"));

    /// <summary>--port, --hostname and --seed-nodes: where a node listens and whom it joins.</summary>
    private sealed class ClusterOptions
    {
        private readonly Option<int?> _port = Whole("--port", "P", 0, 65535);
        private readonly Option<string?> _hostname = CliOption.Text("--hostname", "H");
        private readonly Option<IReadOnlyList<string>?> _seeds = CliOption.Of<IReadOnlyList<string>?>("--seed-nodes", "A,A", text =>
        {
            var seeds = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var bad = seeds.FirstOrDefault(s => !s.StartsWith($"akka.tcp://{SweepCluster.SystemName}@", StringComparison.Ordinal)
                || !Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Port <= 0);
            return seeds.Length == 0 || bad is not null
                ? throw new UsageException($"--seed-nodes '{bad ?? text}' is not a node address such as " +
                    $"{SweepCluster.AddressOf("127.0.0.1", 4053)}")
                : seeds;
        });

        public void AddTo(CliCommand command)
        {
            command.Options.Add(_port);
            command.Options.Add(_hostname);
            command.Options.Add(_seeds);
        }

        public SweepCluster.Node? Read(ParseResult parse, bool requireSeeds)
        {
            var seeds = parse.GetValue(_seeds);
            if (requireSeeds && seeds is null)
                throw new UsageException($"sweep-node needs --seed-nodes: the address of the sweep to join, such as " +
                    $"{SweepCluster.AddressOf("127.0.0.1", 4053)}");
            var port = parse.GetValue(_port);
            if (port is null && seeds is null)
                return parse.GetValue(_hostname) is null ? null : throw new UsageException("--hostname applies with --port or --seed-nodes");
            return new SweepCluster.Node(parse.GetValue(_hostname) ?? "127.0.0.1", port ?? 0, seeds ?? []);
        }
    }
}
