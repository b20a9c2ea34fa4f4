using AkkaTrading.Console.Cli;
using AkkaTrading.Console.Output;
using AkkaTrading.Console.Report;
using AkkaTrading.Console.Running;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using Serilog;

namespace AkkaTrading.Console;

/// <summary>The console application: parses arguments, sets up logging, runs a command, prints the summary.</summary>
public static class App
{
    public const int ExitOk = 0, ExitUserError = 2;

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
        UseSerilog(run.Common);
        output.WriteLine($"Live run for {duration.TotalSeconds:0.#}s (Ctrl+C stops it early): {config.Settings.Sources.Length} sources, {config.Settings.Bots.Length} bots");
        var outcome = await Simulation.LiveAsync(config, duration, run.Common.LogLevel, record: reportDir is not null, stop);
        var title = $"Summary after {outcome.Snapshot.Steps} prices";
        SummaryWriter.Write(output, outcome.Snapshot, title);
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
        UseSerilog(replay.Common);
        var (outcome, completed) = await Simulation.ReplayAsync(config, mode, trades?.Writer, replay.Common.LogLevel, record: reportDir is not null);
        trades?.Commit();
        var run = $"{scenario.Outline.StepCount} steps, {scenario.Outline.PriceCount} prices, {completed.Trades} trades";
        SummaryWriter.Write(output, outcome.Snapshot, $"Summary of {Path.GetFileName(scenario.Path)}: {run}");
        if (trades is not null) output.WriteLine($"trade log: {trades.Path}");
        if (reportDir is not null) output.WriteLine($"report: {ReportWriter.Write(reportDir, $"Replay of {Path.GetFileName(scenario.Path)}: {run}", config, outcome)}");
        return ExitOk;
    }

    private static void UseSerilog(CommonOptions options)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(options.LogLevel)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        if (options.LogFile is not null)
            logger = logger.WriteTo.File(options.LogFile, outputTemplate: "{Timestamp:O} [{Level:u3}] {Message:lj} {Properties}{NewLine}{Exception}");
        Log.Logger = logger.CreateLogger();
    }
}
