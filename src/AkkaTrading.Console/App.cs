using AkkaTrading.Console.Cli;
using AkkaTrading.Console.Output;
using AkkaTrading.Console.Report;
using AkkaTrading.Console.Running;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using Serilog;
using Spectre.Console;

namespace AkkaTrading.Console;

/// <summary>The console application: parses arguments, sets up logging, runs a command, prints the summary.</summary>
public static class App
{
    public const int ExitOk = 0, ExitInternalError = 1, ExitUserError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        try
        {
            var command = CommandLine.Parse(args);
            if (command is Command.Help help)
            {
                output.WriteLine(help.Text);
                return ExitOk;
            }
            return command switch
            {
                Command.Run run => await LiveAsync(run, output, stop),
                Command.Replay replay => await ReplayAsync(replay, output),
                _ => throw new InvalidOperationException($"unhandled command {command}"),
            };
        }
        catch (Exception e) when (e is UsageException or SettingsException or ScenarioException or ReplayFailedException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitUserError;
        }
        catch (SimulationStoppedException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitInternalError;
        }
        finally
        {
            await Log.CloseAndFlushAsync();
        }
    }

    private static async Task<int> LiveAsync(Command.Run run, TextWriter output, CancellationToken stop)
    {
        var config = TradingConfig.Load(run.Common.ConfigFile);
        new SimulationMode.Live().Validate(config.Settings);
        var duration = run.Duration ?? config.Settings.Live.Duration;
        var reportDir = run.Common.Report is { } report ? ReportDirectory.Prepare(report) : null;
        var terminal = IsTerminal(output, run.Common);
        UseSerilog(run.Common, toConsole: !terminal);
        output.WriteLine($"Live run for {duration.TotalSeconds:0.#}s (Ctrl+C stops it early): {config.Settings.Sources.Length} sources, {config.Settings.Bots.Length} bots");
        RunOutcome outcome;
        if (terminal)
        {
            var view = new LiveView();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            outcome = await AnsiConsole.Live(new Text("starting…")).StartAsync(ctx => Simulation.LiveAsync(config, duration, run.Common.LogLevel, reportDir is not null,
                snapshot => ctx.UpdateTarget(view.Render(snapshot, duration - clock.Elapsed)), stop));
        }
        else
        {
            outcome = await Simulation.LiveAsync(config, duration, run.Common.LogLevel, reportDir is not null, watch: null, stop);
        }
        var title = $"Summary after {outcome.Snapshot.Steps} prices";
        WriteSummary(output, terminal, outcome.Snapshot, title);
        if (reportDir is not null) output.WriteLine($"report: {ReportWriter.Write(reportDir, $"Live run: {title}", config, outcome)}");
        return ExitOk;
    }

    private static async Task<int> ReplayAsync(Command.Replay replay, TextWriter output)
    {
        var config = TradingConfig.Load(replay.Common.ConfigFile);
        var scenario = ScenarioFiles.Open(replay.Scenario);
        var mode = new SimulationMode.Replay(scenario);
        mode.Validate(config.Settings);
        var reportDir = replay.Common.Report is { } report ? ReportDirectory.Prepare(report) : null;
        using var trades = replay.TradesFile is null ? null : TradeLogFile.Create(replay.TradesFile);
        var terminal = IsTerminal(output, replay.Common);
        UseSerilog(replay.Common, toConsole: !terminal);
        var (outcome, completed) = terminal
            ? await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var outline = scenario.Outline;
                    var task = ctx.AddTask(Path.GetFileName(scenario.Path), maxValue: Math.Max(1, outline.LastStep));
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var result = await Simulation.ReplayAsync(config, mode, trades?.Writer, replay.Common.LogLevel, reportDir is not null, snapshot =>
                    {
                        task.Value = snapshot.Steps;
                        var ticks = outline.PriceCount * (double)snapshot.Steps / Math.Max(1, outline.LastStep);
                        task.Description = $"{Path.GetFileName(scenario.Path)}: step {snapshot.Steps:N0} of {outline.LastStep:N0}, {ticks / clock.Elapsed.TotalSeconds:N0} ticks/s, {snapshot.Trades:N0} trades";
                    });
                    task.Value = task.MaxValue;
                    return result;
                })
            : await Simulation.ReplayAsync(config, mode, trades?.Writer, replay.Common.LogLevel, reportDir is not null);
        trades?.Commit();
        var run = $"{scenario.Outline.StepCount} steps, {scenario.Outline.PriceCount} prices, {completed.Trades} trades";
        WriteSummary(output, terminal, outcome.Snapshot, $"Summary of {Path.GetFileName(scenario.Path)}: {run}");
        if (trades is not null) output.WriteLine($"trade log: {trades.Path}");
        if (reportDir is not null) output.WriteLine($"report: {ReportWriter.Write(reportDir, $"Replay of {Path.GetFileName(scenario.Path)}: {run}", config, outcome)}");
        return ExitOk;
    }

    /// <summary>Live widgets only on a real terminal: never when the output is redirected (or not the console), or with --plain.</summary>
    private static bool IsTerminal(TextWriter output, CommonOptions options) =>
        !options.Plain && ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private static void WriteSummary(TextWriter output, bool terminal, Engine.Protocol.Market.Snapshot snapshot, string title)
    {
        if (terminal) StatisticsTables.Write(AnsiConsole.Console, snapshot, title);
        else SummaryWriter.Write(output, snapshot, title);
    }

    /// <summary>The log goes to the console unless live widgets own it, and to --log-file when given.</summary>
    private static void UseSerilog(CommonOptions options, bool toConsole)
    {
        var logger = new LoggerConfiguration().MinimumLevel.Is(options.LogLevel)
            .WriteTo.Sink(new LogFlush.Sink())
            .WriteTo.Logger(sinks =>
            {
                sinks.Filter.ByExcluding(LogFlush.IsMarker);
                if (toConsole) sinks.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}");
                if (options.LogFile is not null)
                    sinks.WriteTo.File(options.LogFile, outputTemplate: "{Timestamp:O} [{Level:u3}] {Message:lj} {Properties}{NewLine}{Exception}");
            });
        Log.Logger = logger.CreateLogger();
    }
}
