using AkkaTrading.Engine.Settings;
using Serilog.Events;

namespace AkkaTrading.Console.Cli;

/// <summary>A mistake on the command line; the message says which argument.</summary>
public sealed class UsageException(string message) : Exception(message);

public sealed record CommonOptions(string? ConfigFile, LogEventLevel LogLevel, string? LogFile, ReportOptions? Report = null, bool Plain = false);

public abstract record Command
{
    public sealed record Help(string Text) : Command;
    public sealed record Run(CommonOptions Common, TimeSpan? Duration) : Command;
    public sealed record Replay(CommonOptions Common, string Scenario, string? TradesFile) : Command;
}

/// <summary>Where to write the run's report and whether an existing one may be overwritten.</summary>
public sealed record ReportOptions(string Directory, bool Force);

/// <summary>Parses <c>[run] [options]</c> and <c>replay &lt;scenario&gt; [options]</c>; <c>--help</c> anywhere prints help.</summary>
public static class CommandLine
{
    /// <summary>The options every command takes.</summary>
    private const string CommonOptionsHelp = """
          --config <file.hocon>   layer a HOCON file over the built-in defaults (hocon/akka-trading.conf);
                                  a list there (bots, sources) replaces the default list
          --log-level <level>     verbose, debug, information (default), warning, error
          --log-file <path>       also write the log to this file
          --report <dir>          write a report: trade log, equity curves (CSV and PNG), price charts, report.md
          --force                 with --report: replace the report already in the directory, whole
          --plain                 in a terminal too: plain lines and the log on the console, no live view
          -h, --help              show help
        """;

    public const string AppHelp = """
        AkkaTrading — an actor-model algorithmic-trading simulator.

        Usage:
          AkkaTrading.Console [run] [options]              live simulation with random-walk prices
          AkkaTrading.Console replay <scenario> [options]  replay a scenario (.csv or .hocon) as fast as possible
          AkkaTrading.Console <command> --help             options of a command

        With no command, 'run' is used: three random-walk sources, an Investor and a Hamster; every
        transaction shows as it happens (a live view in a terminal, log lines otherwise), and a
        per-bot summary at the end.

        Options of both commands:
        """ + "\n" + CommonOptionsHelp;

    public const string RunHelp = """
        Usage: AkkaTrading.Console run [options]

        Runs the live simulation: one paced random-walk source per configured asset
        (akka-trading.sources), the configured bots, transactions shown as they happen.
        Stops after akka-trading.live.duration (default 20s) or on Ctrl+C, then prints per bot:
        cash, positions, equity at the last prices, profit/loss, trades, round trips, drawdown, exposure.

        Options:
          --duration <time>       how long to run, e.g. 10s, 500ms, 2m (overrides akka-trading.live.duration)
        """ + "\n" + CommonOptionsHelp;

    public const string ReplayHelp = """
        Usage: AkkaTrading.Console replay <scenario.csv|scenario.hocon> [options]

        Replays a scenario as fast as the machine allows. The same scenario and configuration give
        the same trades on every run. The scenario is checked whole before anything is replayed.
        Ctrl+C (or SIGTERM, SIGHUP) stops the replay; then nothing is written and the exit code is 130.
          .csv     header 'step,asset,price'; step whole and non-decreasing; price positive, '.' decimal
          .hocon   scripted: per asset a start price and segments (see hocon/scenarios/)

        Options:
          --trades <out.csv>      write the trade log (step,bot,side,asset,quantity,price,fee); moved into
                                  place only when the replay has finished, never onto an input
        """ + "\n" + CommonOptionsHelp;

    public static Command Parse(IReadOnlyList<string> args)
    {
        var command = args.Count > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Count > 0 && !args[0].StartsWith('-') ? args.Skip(1).ToList() : args.ToList();
        var help = command switch
        {
            "run" => RunHelp,
            "replay" => ReplayHelp,
            "help" => AppHelp,
            _ => throw new UsageException($"unknown command '{command}' (commands: run, replay; see --help)"),
        };
        if (command == "help" || rest.Contains("--help") || rest.Contains("-h"))
            return new Command.Help(args.Count == 0 || args[0].StartsWith('-') || command == "help" ? AppHelp : help);

        string? config = null, logFile = null, trades = null, duration = null, report = null;
        bool force = false, plain = false;
        var level = LogEventLevel.Information;
        var positional = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            var arg = rest[i];
            switch (arg)
            {
                case "--config": config = Value(); break;
                case "--log-file": logFile = Value(); break;
                case "--log-level": level = ParseLevel(Value()); break;
                case "--report": report = Value(); break;
                case "--force": force = true; break;
                case "--plain": plain = true; break;
                case "--trades" when command == "replay": trades = Value(); break;
                case "--duration" when command == "run": duration = Value(); break;
                default:
                    if (arg.StartsWith('-')) throw new UsageException($"unknown option '{arg}' for '{command}' (see '{command} --help')");
                    positional.Add(arg);
                    break;
            }

            string Value() => i + 1 < rest.Count && !rest[i + 1].StartsWith("--") ? rest[++i] : throw new UsageException($"option '{arg}' needs a value");
        }

        if (force && report is null) throw new UsageException("--force only applies with --report <dir>");
        var common = new CommonOptions(config, level, logFile, report is null ? null : new ReportOptions(report, force), plain);
        if (command == "run")
        {
            if (positional.Count > 0) throw new UsageException($"unexpected argument '{positional[0]}' for 'run'");
            return new Command.Run(common, duration is null ? null : ParseDuration(duration));
        }
        return positional.Count switch
        {
            0 => throw new UsageException("'replay' needs a scenario file: replay <scenario.csv|scenario.hocon>"),
            1 => new Command.Replay(common, positional[0], trades),
            _ => throw new UsageException($"unexpected argument '{positional[1]}' for 'replay'"),
        };
    }

    private static LogEventLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => throw new UsageException($"--log-level '{text}' is not one of verbose, debug, information, warning, error"),
    };

    private static TimeSpan ParseDuration(string text) => Durations.TryParse(text, out var value)
        ? value
        : throw new UsageException($"--duration '{text}' is not a duration longer than zero, such as 10s, 500ms or 2m");
}
