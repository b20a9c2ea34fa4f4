using Akka.Actor;
using Akka.Hosting;
using RunRecording = AkkaTrading.Domain.Reporting.RunRecording;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Running;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Replay;
using static AkkaTrading.Engine.Protocol.TradeLogMessages;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace AkkaTrading.Console.Running;

/// <summary>Hosts the simulation's actor system (Akka.Hosting, logging through Serilog) for one run.</summary>
public static class Simulation
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs live until <paramref name="duration"/> has passed or <paramref name="stop"/> fires; with
    /// <paramref name="watch"/>, hands it a snapshot of the exchange a few times a second.
    /// </summary>
    public static async Task<RunOutcome> LiveAsync(TradingConfig config, TimeSpan duration, LogEventLevel level, bool record,
        Action<Snapshot>? watch, CancellationToken stop)
    {
        using var host = await StartAsync(config, new SimulationMode.Live(), level, record);
        var end = Task.Delay(duration, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        await WatchUntil(host.Services, end, watch);
        return await FinishAsync(host.Services, () => host.StopAsync(), record);
    }

    /// <summary>Replays the scenario to its end (<see cref="ReplayRun"/>) in an actor system that logs through Serilog; the trade
    /// log, if any, is complete and flushed on return.</summary>
    /// <remarks>
    /// With <paramref name="progress"/>, hands it a snapshot of the exchange a few times a second. When
    /// <paramref name="stop"/> fires, stops the run's actors at once and throws <see cref="OperationCanceledException"/>.
    /// </remarks>
    public static async Task<(RunOutcome Outcome, Completed Replay)> ReplayAsync(TradingConfig config, SimulationMode.Replay mode,
        TextWriter? tradeLog,
        LogEventLevel level, bool record = false, Action<Snapshot>? progress = null, CancellationToken stop = default)
    {
        using var host = await StartAsync(config, mode: null, level, record: false);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var request = new ReplayRequest(config.Settings, mode, tradeLog, record)
        {
            Transactions = TransactionLog.From(host.Services.GetService<ILoggerFactory>()),
        };
        var result = await ReplayRun.RunAsync(system, request, progress, stop);
        await LogFlush.WaitAsync(system, QueryTimeout);
        await host.StopAsync();
        return (new RunOutcome(result.Snapshot, result.Recording), result.Replay);
    }

    /// <param name="mode">the simulation the host starts; none for a replay, which runs its own (<see cref="ReplayRun"/>)</param>
    private static async Task<IHost> StartAsync(TradingConfig config, SimulationMode? mode, LogEventLevel level, bool record)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        UseAppServices(builder.Services);
        builder.Services.AddAkka("akka-trading", (akka, _) =>
        {
            akka.AddHocon(config.Config, HoconAddMode.Prepend);
            UseAppLogging(akka, level);
            if (mode is not null) akka.AddTradingSimulation(config.Settings, mode, record);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// Serves until <paramref name="stop"/> fires: the simulation and the gateway (<see cref="TradingServer"/>); hands
    /// <paramref name="started"/> the bound URLs (the HTTP API's, gRPC's) once clients can connect.
    /// </summary>
    public static async Task<RunOutcome> ServeAsync(TradingConfig config, TradingSettings settings, SimulationMode mode,
        LogEventLevel level, bool record,
        Action<IReadOnlyList<string>, string> started, CancellationToken stop)
    {
        await using var server = await TradingServer.StartAsync(settings, config.Config, UseAppServices, akka => UseAppLogging(akka, level),
            mode: mode);
        started(server.Urls, server.GrpcUrl);
        var stopped = Task.Delay(Timeout.InfiniteTimeSpan, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        await WatchUntil(server.Services, Task.WhenAny(stopped, server.StoreFailed), watch: null);
        if (server.StoreFailed.IsCompleted) throw new Files.OutputException($"serve: {await server.StoreFailed}; stopped");
        return await FinishAsync(server.Services, server.StopAsync, record);
    }

    /// <summary>
    /// The app's part of every host: logging through Serilog, and Ctrl+C ends a run through the app (which still asks for the
    /// summary), not by stopping the host or Akka.
    /// </summary>
    private static void UseAppServices(IServiceCollection services)
    {
        services.AddSingleton<IHostLifetime, ManualLifetime>();
        services.AddSerilog();
    }

    /// <summary>Akka logs into Serilog at the run's level; Ctrl+C does not stop Akka by itself (see
    /// <see cref="UseAppServices"/>).</summary>
    private static void UseAppLogging(AkkaConfigurationBuilder akka, LogEventLevel level)
    {
        akka.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = ToAkka(level);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
    }

    /// <summary>
    /// Waits for <paramref name="end"/>, watching if asked; fails if the actor system stops first (an actor failed) or
    /// <paramref name="stop"/> fires.
    /// </summary>
    private static async Task WatchUntil(IServiceProvider services, Task end, Action<Snapshot>? watch, CancellationToken stop = default)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var exchange = services.GetRequiredService<ActorRegistry>().Get<Exchange>();
        while (!end.IsCompleted)
        {
            stop.ThrowIfCancellationRequested();
            var next = await Task.WhenAny(end, system.WhenTerminated, Task.Delay(WatchInterval, stop)
                .ContinueWith(_ => { }, TaskScheduler.Default));
            if (next == system.WhenTerminated) throw new SimulationStoppedException();
            if (next != end && watch is not null
                && !stop.IsCancellationRequested) watch(await exchange.Ask<Snapshot>(GetSnapshot.Instance, QueryTimeout));
        }
    }

    private static async Task<RunOutcome> FinishAsync(IServiceProvider services, Func<Task> stopHost, bool record)
    {
        var exchange = services.GetRequiredService<ActorRegistry>().Get<Exchange>();
        var snapshot = await exchange.Ask<Snapshot>(GetSnapshot.Instance, QueryTimeout);
        var recording = record ? await exchange.Ask<RunRecording>(GetRecording.Instance, QueryTimeout) : null;
        await LogFlush.WaitAsync(services.GetRequiredService<ActorSystem>(), QueryTimeout);
        await stopHost();
        return new RunOutcome(snapshot, recording);
    }

    private static AkkaLogLevel ToAkka(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => AkkaLogLevel.DebugLevel,
        LogEventLevel.Information => AkkaLogLevel.InfoLevel,
        LogEventLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };
}

/// <summary>How a run ended: every account valued at the last prices and, when asked for, the recording for a report.</summary>
public sealed record RunOutcome(Snapshot Snapshot, RunRecording? Recording);
