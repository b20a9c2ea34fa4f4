using Serilog.Events;

namespace AkkaTrading.Console.Cli;

/// <summary>A mistake on the command line; the message says which argument.</summary>
public sealed class UsageException(string message) : Exception(message);

public sealed record CommonOptions(
    string? ConfigFile, LogEventLevel LogLevel, string? LogFile, ReportOptions? Report = null, bool Plain = false);

/// <summary>What a command line asks for, once it is parsed and checked; <see cref="Dispatch"/> runs it.</summary>
public abstract record Command
{
    public sealed record Run(CommonOptions Common, TimeSpan? Duration) : Command;
    /// <param name="Scenario">the scenario file, or null when <see cref="Data"/> lists market-data files instead</param>
    public sealed record Replay(CommonOptions Common, string? Scenario, string? TradesFile) : Command
    {
        public IReadOnlyList<DataFile> Data { get; init; } = [];

        /// <summary>The format of every <see cref="Data"/> file: <c>yahoo</c> or <c>generic</c>.</summary>
        public string Format { get; init; } = "yahoo";
    }

    /// <param name="Urls">instead of <c>akka-trading.gateway.urls</c>; <paramref name="GrpcUrl"/> likewise</param>
    /// <param name="Scenario">prices played from this scenario at <paramref name="Speed"/> steps/s instead of the sources</param>
    /// <param name="Url">a server's BitMEX realtime endpoint; <paramref name="Field"/> of <paramref name="Symbol"/>'s instrument rows is
    /// printed <paramref name="Count"/> times</param>
    public sealed record Quotes(Uri Url, string Symbol, int Count, string Field) : Command;

    /// <param name="DataDir">the SQLite ledger's directory instead of the configured one</param>
    public sealed record Serve(CommonOptions Common, IReadOnlyList<string>? Urls, string? GrpcUrl, string? Scenario, double Speed,
        string? DataDir = null) : Command;

    /// <param name="DataDir">instead of <c>akka-trading.persistence.data-dir</c></param>
    /// <param name="Out">the file to write (stdout when null)</param>
    public sealed record LedgerExport(string? DataDir, string? ConfigFile, string Format, string? Out) : Command;

    public sealed record LedgerVerify(string? DataDir, string? ConfigFile) : Command;

    /// <param name="Metric">ranks the combinations (see <see cref="Domain.Sweeps.SweepMetric"/>)</param>
    /// <param name="TrainPercent">rank on this first part of the steps and test the best on the rest; null: rank on all</param>
    /// <param name="Heatmap">the two swept parameters of the heatmap (null: the first two)</param>
    /// <param name="Workers">instead of <c>akka-trading.sweep.workers</c></param>
    /// <param name="Cluster">instead of <c>akka-trading.sweep.cluster</c>'s values, those given</param>
    /// <param name="Nodes">nodes, this one included, waited for before the sweep starts</param>
    public sealed record Sweep(CommonOptions Common, string Scenario, string Grid, Domain.Sweeps.SweepMetric Metric, int Top,
        int? TrainPercent, int WalkForward, IReadOnlyList<string>? Heatmap, int? Workers, ClusterOptions Cluster,
        int Nodes) : Command;

    /// <summary>A worker node that joins the cluster's seed nodes and takes passes until the sweep ends.</summary>
    public sealed record SweepNode(string? ConfigFile, ClusterOptions Cluster, int? Workers) : Command;
}

/// <summary>--port, --hostname and --seed-nodes as given (null where not).</summary>
public sealed record ClusterOptions(int? Port, string? Hostname, IReadOnlyList<string>? SeedNodes);

/// <summary>A market-data file given on the command line (<c>--data ASSET=FILE</c>).</summary>
public sealed record DataFile(string Asset, string File);

/// <summary>Where to write the run's report and whether an existing one may be overwritten.</summary>
public sealed record ReportOptions(string Directory, bool Force);

/// <summary>Runs a parsed command and returns the exit code; the application supplies it, so parsing knows nothing of running.</summary>
public delegate Task<int> Dispatch(Command command, CancellationToken stop);
