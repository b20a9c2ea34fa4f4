using System.CommandLine;
using Serilog.Events;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary>The options every command takes, declared once; each command adds its own set and reads it back.</summary>
public sealed class CommonOptionSet
{
    public const string Help = """
          --config <file.hocon>   layer a HOCON file over the built-in defaults (hocon/akka-trading.conf);
                                  a list there (bots, sources) replaces the default list
          --log-level <level>     verbose, debug, information (default), warning, error
          --log-file <path>       also write the log to this file
          --report <dir>          write a report: trade log, equity curves (CSV and PNG), price charts, report.md
          --force                 with --report: replace the report already in the directory, whole
          --plain                 in a terminal too: plain lines and the log on the console, no live view
          -h, --help              show help
        """;

    private readonly Option<string?> _config = CliOption.Text("--config", "file.hocon");
    private readonly Option<LogEventLevel> _logLevel = CliOption.Of("--log-level", "level", ParseLevel);
    private readonly Option<string?> _logFile = CliOption.Text("--log-file", "path");
    private readonly Option<string?> _report = CliOption.Text("--report", "dir");
    private readonly Option<bool> _force = CliOption.Flag("--force");
    private readonly Option<bool> _plain = CliOption.Flag("--plain");

    public CommonOptionSet()
    {
        _logLevel.DefaultValueFactory = _ => LogEventLevel.Information;
        _force.Validators.Add(force =>
        {
            // Validators also run for options that are absent.
            if (force.IdentifierTokenCount > 0 && force.GetResult(_report) is null)
                force.AddError("--force only applies with --report <dir>");
        });
    }

    public void AddTo(CliCommand command)
    {
        foreach (var option in new Option[] { _config, _logLevel, _logFile, _report, _force, _plain }) command.Options.Add(option);
    }

    public CommonOptions Read(ParseResult parse) =>
        new(parse.GetValue(_config), parse.GetValue(_logLevel), parse.GetValue(_logFile),
            parse.GetValue(_report) is { } report ? new ReportOptions(report, parse.GetValue(_force)) : null, parse.GetValue(_plain));

    private static LogEventLevel ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => throw new UsageException($"--log-level '{text}' is not one of verbose, debug, information, warning, error"),
    };
}
