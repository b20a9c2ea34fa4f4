using AkkaTrading.Console.Cli;
using AkkaTrading.Console.Files;
using AkkaTrading.Console.Ledger;
using AkkaTrading.Console.Output;
using AkkaTrading.Console.Report;
using AkkaTrading.Console.Running;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Feeds;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Persistence;
using AkkaTrading.Engine.Running;
using AkkaTrading.Engine.Settings;
using Serilog;
using Spectre.Console;
using static AkkaTrading.Engine.Protocol.Replay;

namespace AkkaTrading.Console;

/// <summary>The console application: parses arguments, sets up logging, runs a command, prints the summary.</summary>
public static class App
{
    public const int ExitOk = 0, ExitInternalError = 1, ExitUserError = 2, ExitOutputError = 3, ExitNetworkError = 4, ExitInterrupted = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stop = default)
    {
        try
        {
            return await CommandLine.InvokeAsync(args, output, (command, token) => command switch
            {
                Command.Run run => LiveAsync(run, output, token),
                Command.Replay replay => ReplayAsync(replay, output, error, token),
                Command.Serve serve => ServeAsync(serve, output, token),
                Command.Quotes quotes => QuotesAsync(quotes, output, token),
                Command.LedgerExport export => LedgerExportAsync(export, output, token),
                Command.LedgerVerify verify => LedgerVerifyAsync(verify, output, token),
                Command.Sweep sweep => SweepAsync(sweep, output, error, token),
                Command.SweepNode node => Sweeps.SweepApp.NodeAsync(node, output, token),
                _ => throw new InvalidOperationException($"unhandled command {command}"),
            }, stop);
        }
        catch (Exception e) when (e is UsageException or SettingsException or ScenarioException or ReplayFailedException
                                      or LedgerStoreException or Engine.Sweeps.SweepFailedException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitUserError;
        }
        catch (OutputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitOutputError;
        }
        catch (BitmexFeedException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitNetworkError;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            error.WriteLine($"interrupted: the {CommandName(args)} stopped before its end; nothing was written");
            return ExitInterrupted;
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

    private static string CommandName(string[] args) =>
        args.FirstOrDefault(a => a is "run" or "replay" or "serve" or "quotes" or "ledger" or "sweep" or "sweep-node") ?? "run";

    private static async Task<int> LiveAsync(Command.Run run, TextWriter output, CancellationToken stop)
    {
        CheckOutputs(run.Common);
        var config = TradingConfig.Load(run.Common.ConfigFile);
        new SimulationMode.Live().Validate(config.Settings);
        var duration = run.Duration ?? config.Settings.Live.Duration;
        using var report = run.Common.Report is { } options ? StagedReport.Prepare(options) : null;
        var terminal = IsTerminal(output, run.Common);
        UseSerilog(run.Common, toConsole: !terminal);
        output.WriteLine($"Live run for {duration.TotalSeconds:0.#}s (Ctrl+C stops it early): {config.Settings.Sources.Length} sources, " +
            $"{config.Settings.BotsIn(serving: false).Length} bots");
        RunOutcome outcome;
        if (terminal)
        {
            var view = new LiveView();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            outcome = await AnsiConsole.Live(new Text("starting…"))
                .StartAsync(ctx => Simulation.LiveAsync(config, duration, run.Common.LogLevel, report is not null,
                snapshot => ctx.UpdateTarget(view.Render(snapshot, duration - clock.Elapsed)), stop));
        }
        else
        {
            outcome = await Simulation.LiveAsync(config, duration, run.Common.LogLevel, report is not null, watch: null, stop);
        }
        var title = $"Summary after {outcome.Snapshot.Steps} prices";
        WriteSummary(output, terminal, outcome.Snapshot, title);
        if (report is not null) output.WriteLine($"report: " +
            $"{report.Publish(dir => ReportWriter.Write(dir, $"Live run: {title}", config, outcome))}");
        return ExitOk;
    }

    /// <summary>Prints the first quotes in arrival order; Ctrl+C ends it early.</summary>
    private static async Task<int> QuotesAsync(Command.Quotes quotes, TextWriter output, CancellationToken stop)
    {
        var printed = 0;
        try
        {
            await foreach (var value in BitmexQuotes.ReadAsync(quotes.Url, quotes.Symbol, quotes.Field, cancel: stop))
            {
                output.WriteLine(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (++printed == quotes.Count) break;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitInterrupted;
        }
        return ExitOk;
    }

    private static async Task<int> ServeAsync(Command.Serve serve, TextWriter output, CancellationToken stop)
    {
        var inputs = serve.Scenario is null ? Array.Empty<InputFile>() : [new InputFile("the scenario file", serve.Scenario)];
        CheckOutputs(serve.Common, null, inputs);
        var config = TradingConfig.Load(serve.Common.ConfigFile);
        var settings = config.Settings with
        {
            Gateway = WithUrls(config.Settings.Gateway, serve), Persistence = WithDataDir(config.Settings.Persistence, serve.DataDir),
        };
        SimulationMode mode = serve.Scenario is null ? new SimulationMode.Live()
            : new SimulationMode.Paced(await Task.Run(() => ScenarioFiles.Open(serve.Scenario), stop).WaitAsync(stop), serve.Speed);
        mode.Validate(settings);
        using var report = serve.Common.Report is { } options ? StagedReport.Prepare(options) : null;
        UseSerilog(serve.Common, toConsole: true);
        RunOutcome outcome;
        try
        {
            outcome = await Simulation.ServeAsync(config, settings, mode, serve.Common.LogLevel, report is not null,
                (urls, grpc) => output.WriteLine($"Serving on {string.Join(", ", urls)}, gRPC on {grpc} (Ctrl+C stops): " +
                    $"{settings.StrategyBots.Length} bots, {settings.Bots.OfType<RemoteBotSettings>().Count()} remote bots, prices from " +
                    $"{(serve.Scenario is null ? "the sources" : serve.Scenario)}"), stop);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException
            || e.Message.Contains("address", StringComparison.Ordinal))
        {
            throw new UsageException($"serve: cannot listen: {e.Message}");
        }
        var title = $"Summary after {outcome.Snapshot.Steps} prices";
        WriteSummary(output, terminal: false, outcome.Snapshot, title);
        if (report is not null) output.WriteLine($"report: " +
            $"{report.Publish(dir => ReportWriter.Write(dir, $"Server: {title}", config, outcome))}");
        return ExitOk;
    }

    private static Task<int> SweepAsync(Command.Sweep sweep, TextWriter output, TextWriter error, CancellationToken stop)
    {
        CheckOutputs(sweep.Common, null, new InputFile("the scenario file", sweep.Scenario), new InputFile("the grid file", sweep.Grid));
        UseSerilog(sweep.Common, toConsole: true);
        return Sweeps.SweepApp.RunAsync(sweep, output, error, IsTerminal(output, sweep.Common), stop);
    }

    private static PersistenceSettings LedgerSettings(string? configFile, string? dataDir)
    {
        var persistence = WithDataDir(TradingConfig.Load(configFile).Settings.Persistence, dataDir);
        return persistence.Provider == LedgerProvider.None
            ? throw new UsageException("'akka-trading.persistence.provider' is none: there is no ledger to read")
            : persistence;
    }

    private static async Task<int> LedgerExportAsync(Command.LedgerExport export, TextWriter output, CancellationToken stop)
    {
        var persistence = LedgerSettings(export.ConfigFile, export.DataDir);
        // csv: the accounts go beside the trades; every destination is checked before anything is read or written
        var accountsPath = export.Out is not null && export.Format == "csv"
            ? Path.ChangeExtension(export.Out, null) + ".accounts.csv" : null;
        if (export.Out is not null)
            OutputPaths.CheckExport(accountsPath is null ? [export.Out] : [export.Out, accountsPath],
                export.ConfigFile is { } config ? [new InputFile("the configuration file", config)] : [],
                persistence.Provider == LedgerProvider.Sqlite ? persistence.DataDirectory : null);
        var audit = new LedgerAudit();
        var trades = new List<LedgerEvent.OrderFilled>();
        using var file = export.Out is { } destination ? TradeLogFile.Create(destination, option: "--out") : null;
        var writer = file?.Writer ?? output;
        // the header once the ledger reads: a store that cannot be read prints nothing on the output, only the error
        var header = export.Format == "csv";
        void WriteHeader()
        {
            if (header) writer.WriteLine(LedgerExport.TradesHeader);
            header = false;
        }
        await Read(persistence, e =>
        {
            WriteHeader();
            audit.Add(e);
            if (e is not LedgerEvent.OrderFilled filled) return;
            if (export.Format == "csv") writer.WriteLine(LedgerExport.TradeRow(filled));
            else trades.Add(filled);
        }, stop);
        WriteHeader();
        var accounts = audit.Ledger.Book.Accounts;
        if (export.Format == "json")
        {
            writer.Flush();
            using var json = new MemoryStream();
            LedgerExport.WriteJson(json, trades, accounts);
            writer.WriteLine(System.Text.Encoding.UTF8.GetString(json.ToArray()));
        }
        if (file is null) return ExitOk;
        file.Commit();
        if (accountsPath is not null)
        {
            using var accountsFile = TradeLogFile.Create(accountsPath, option: "--out");
            LedgerExport.WriteAccountsCsv(accountsFile.Writer, accounts);
            accountsFile.Commit();
        }
        return ExitOk;
    }

    private static async Task<int> LedgerVerifyAsync(Command.LedgerVerify verify, TextWriter output, CancellationToken stop)
    {
        var audit = new LedgerAudit();
        await Read(LedgerSettings(verify.ConfigFile, verify.DataDir), audit.Add, stop);
        output.WriteLine($"ledger verified: {audit.Events} events, {audit.Ledger.Book.Accounts.Count} accounts, {audit.Fills} fills, " +
            $"{audit.Rejections} rejections; every order has one outcome and money is conserved at every event");
        return ExitOk;
    }

    /// <summary>Reads the ledger from its first event; an event that does not follow from those before it is the user's error.</summary>
    private static async Task Read(PersistenceSettings persistence, Action<LedgerEvent> onEvent, CancellationToken stop)
    {
        try
        {
            await LedgerReader.ReadAsync(persistence, onEvent, stop);
        }
        catch (LedgerInconsistencyException e)
        {
            throw new LedgerStoreException($"the ledger is inconsistent at {e.Message}");
        }
    }

    /// <summary>The ledger's settings with the data directory given on the command line instead of the configured one.</summary>
    private static PersistenceSettings WithDataDir(PersistenceSettings persistence, string? dataDir) => dataDir switch
    {
        null => persistence,
        { Length: 0 } => throw new UsageException("--data-dir names no directory"),
        _ when persistence.Provider != LedgerProvider.Sqlite => throw new UsageException(
            $"--data-dir applies to the SQLite ledger, but 'akka-trading.persistence.provider' is " +
            (persistence.Provider == LedgerProvider.PostgreSql ? "postgresql" : "none")),
        _ => persistence with { DataDirectory = dataDir },
    };

    /// <summary>The gateway's settings with the URLs given on the command line instead of the configured ones.</summary>
    private static GatewaySettings WithUrls(GatewaySettings gateway, Command.Serve serve)
    {
        string Checked(string option, string url) =>
            GatewaySettingsReader.UrlProblem(url) is { } problem ? throw new UsageException($"{option} '{url}' {problem}") : url;
        if (serve.Urls is { Count: 0 }) throw new UsageException("--urls names no URL; give one such as http://127.0.0.1:5080");
        if (serve.Urls is { } urls) gateway = gateway with { Urls = [.. urls.Select(u => Checked("--urls", u))] };
        if (serve.GrpcUrl is { } grpc) gateway = gateway with { GrpcUrl = Checked("--grpc-url", grpc) };
        return gateway;
    }

    private static async Task<int> ReplayAsync(Command.Replay replay, TextWriter output, TextWriter error, CancellationToken stop)
    {
        InputFile[] inputs = replay.Scenario is { } file ? [new InputFile("the scenario file", file)]
            : [.. replay.Data.Select(d => new InputFile($"the market data of {d.Asset}", d.File))];
        CheckOutputs(replay.Common, replay.TradesFile, inputs);
        var config = TradingConfig.Load(replay.Common.ConfigFile);
        // The scenario is read whole once to check it; Ctrl+C must not wait for a large file to be read.
        var scenario = await Task.Run(() => OpenScenario(replay), stop).WaitAsync(stop);
        // A scenario file's market data is known only now; no output may land on it either.
        CheckOutputs(replay.Common, replay.TradesFile, [.. inputs, .. scenario.DataFiles.Select(f => new InputFile("market data", f))]);
        foreach (var warning in scenario.Warnings) error.WriteLine($"warning: {warning}");
        var timed = scenario.Outline.Timeline is { } timeline
            ? new TimedStatistics(timeline, config.Settings.Statistics.RiskFreeRatePercent)
            : null;
        var mode = new SimulationMode.Replay(scenario);
        mode.Validate(config.Settings);
        using var report = replay.Common.Report is { } options ? StagedReport.Prepare(options) : null;
        using var trades = replay.TradesFile is null ? null : TradeLogFile.Create(replay.TradesFile);
        // A trade log that cannot be written (a full disk) stops the replay as promptly as Ctrl+C does.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop, trades?.Failed ?? CancellationToken.None);
        var terminal = IsTerminal(output, replay.Common);
        UseSerilog(replay.Common, toConsole: !terminal);
        (RunOutcome Outcome, Completed Replay) result;
        try
        {
            result = terminal ? await ReplayWithProgressAsync(config, mode, trades?.Writer, replay.Common.LogLevel, report is not null,
                cancel.Token)
                : await Simulation.ReplayAsync(config, mode, trades?.Writer, replay.Common.LogLevel, report is not null,
                    stop: cancel.Token);
        }
        catch (OperationCanceledException) when (trades is not null && trades.Failed.IsCancellationRequested)
        {
            trades.Commit(); // throws the write error
            throw;
        }
        var (outcome, completed) = result;
        trades?.Commit();
        var run = $"{scenario.Outline.StepCount} steps, {scenario.Outline.PriceCount} prices, {completed.Trades} trades";
        WriteSummary(output, terminal, outcome.Snapshot, $"Summary of {Path.GetFileName(scenario.Path)}: {run}", timed);
        if (trades is not null) output.WriteLine($"trade log: {trades.Path}");
        if (report is not null)
            output.WriteLine($"report: {report.Publish(dir => ReportWriter.Write(dir, $"Replay of {Path.GetFileName(scenario.Path)}: {run}",
                config, outcome, timed))}");
        return ExitOk;
    }

    /// <summary>The scenario file, or the market-data files given with --data (named by their file names).</summary>
    private static ScenarioSource OpenScenario(Command.Replay replay)
    {
        if (replay.Scenario is { } path) return ScenarioFiles.Open(path);
        var format = replay.Format == "generic" ? MarketDataFormat.Generic : MarketDataFormat.Yahoo();
        return ScenarioFiles.Open(string.Join(", ", replay.Data.Select(d => Path.GetFileName(d.File))),
            new MarketDataScenario([.. replay.Data.Select(d => new MarketDataAsset(d.Asset, d.File, format))]));
    }

    private static Task<(RunOutcome Outcome, Completed Replay)> ReplayWithProgressAsync(TradingConfig config, SimulationMode.Replay mode,
        TextWriter? trades, Serilog.Events.LogEventLevel level, bool record, CancellationToken stop) =>
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var outline = mode.Scenario.Outline;
                var name = Path.GetFileName(mode.Scenario.Path);
                var task = ctx.AddTask(name, maxValue: Math.Max(1, outline.LastStep));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = await Simulation.ReplayAsync(config, mode, trades, level, record, snapshot =>
                {
                    task.Value = snapshot.Steps;
                    var ticks = outline.PriceCount * (double)snapshot.Steps / Math.Max(1, outline.LastStep);
                    task.Description = $"{name}: step {snapshot.Steps:N0} of {outline.LastStep:N0}, " +
                        $"{ticks / clock.Elapsed.TotalSeconds:N0} ticks/s, " +
                        $"{snapshot.Trades:N0} trades";
                }, stop);
                task.Value = task.MaxValue;
                return result;
            });

    /// <summary>Refuses, before anything runs, an output that would overwrite an input or could not be written safely.</summary>
    private static void CheckOutputs(CommonOptions options, string? trades = null, params InputFile[] inputs) =>
        OutputPaths.Check([.. inputs, new InputFile("the configuration file", options.ConfigFile ?? "")], trades, options.LogFile,
            options.Report);

    /// <summary>Live widgets only on a real terminal: never when the output is redirected (or not the console), or with --plain.</summary>
    private static bool IsTerminal(TextWriter output, CommonOptions options) =>
        !options.Plain && ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected
            && AnsiConsole.Profile.Capabilities.Interactive;

    private static void WriteSummary(TextWriter output, bool terminal, Engine.Protocol.Market.Snapshot snapshot, string title,
        TimedStatistics? timed = null)
    {
        if (terminal) StatisticsTables.Write(AnsiConsole.Console, snapshot, title, timed);
        else SummaryWriter.Write(output, snapshot, title, timed);
    }

    /// <summary>The log goes to the console unless live widgets own it, and to --log-file when given.</summary>
    private static void UseSerilog(CommonOptions options, bool toConsole)
    {
        var logger = new LoggerConfiguration().MinimumLevel.Is(options.LogLevel)
            // ASP.NET Core's request lines would drown the transactions; its warnings and errors still show.
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Sink(new LogFlush.Sink())
            .WriteTo.Logger(sinks =>
            {
                sinks.Filter.ByExcluding(LogFlush.IsMarker);
                if (toConsole) sinks.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss.fff} {Level:u3}] " +
                    "{Message:lj}{NewLine}{Exception}");
                if (options.LogFile is not null)
                    sinks.WriteTo.File(options.LogFile,
                        outputTemplate: "{Timestamp:O} [{Level:u3}] {Message:lj} {Properties}{NewLine}{Exception}");
            });
        Log.Logger = logger.CreateLogger();
    }
}
