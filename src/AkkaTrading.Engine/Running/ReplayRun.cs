using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Replay;
using static AkkaTrading.Engine.Protocol.TradeLogMessages;

namespace AkkaTrading.Engine.Running;

/// <summary>A replay as a value: the settings and the scenario, and what the run keeps besides its result.</summary>
/// <param name="TradeLog">where the trades are written as CSV (complete and flushed when the run returns)</param>
/// <param name="Record">record equity curves, prices and fills for a report</param>
public sealed record ReplayRequest(TradingSettings Settings, SimulationMode.Replay Mode, TextWriter? TradeLog = null, bool Record = false)
{
    /// <summary>Where every fill and rejection is logged (nowhere unless given).</summary>
    public TransactionLog Transactions { get; init; } = TransactionLog.None;
}

/// <summary>What a replay ended with: every account valued at the last prices, the recording if asked, the step and trade counts.</summary>
public sealed record ReplayResult(Snapshot Snapshot, RunRecording? Recording, Completed Replay);

/// <summary>The scenario's rules refused the run: a bot expected another outcome than the exchange gave.</summary>
public sealed class ReplayFailedException(string reason) : Exception(reason);

/// <summary>An actor of the run failed and the run stopped; the log holds the error.</summary>
public sealed class SimulationStoppedException()
    : Exception("the simulation stopped after an internal error (the log above has it); nothing was written");

/// <summary>
/// The one entry point of a replay: settings and a scenario in, the result out. The run's actors live under a parent of their
/// own and talk over an event bus of their own, so any number of runs share a process and an actor system without hearing each
/// other; nothing is static and nothing is logged unless asked. The console, the benchmark and the tests run replays here.
/// </summary>
public static class ReplayRun
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30), ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="progress">handed a snapshot of the exchange a few times a second</param>
    /// <exception cref="ReplayFailedException">a bot expected another outcome than the exchange gave</exception>
    /// <exception cref="SimulationStoppedException">an actor of the run failed</exception>
    /// <exception cref="OperationCanceledException">when <paramref name="cancel"/> fires: the run's actors are stopped first</exception>
    public static async Task<ReplayResult> RunAsync(ActorSystem system, ReplayRequest request, Action<Snapshot>? progress = null,
        CancellationToken cancel = default)
    {
        request.Mode.Validate(request.Settings);
        var run = system.ActorOf(Props.Create(() => new ReplayRunActor(request)), $"replay-{Guid.NewGuid():N}");
        var stopped = run.WatchAsync(CancellationToken.None);
        try
        {
            var parts = await run.Ask<ReplayRunActor.Parts>(ReplayRunActor.GetParts.Instance, QueryTimeout, cancel);
            var replay = parts.Exchange.Ask<object>(Start.Instance, Timeout.InfiniteTimeSpan, cancel);
            while (!replay.IsCompleted)
            {
                var next = await Task.WhenAny(replay, stopped, Task.Delay(ProgressInterval, cancel).ContinueWith(_ => { },
                    TaskScheduler.Default));
                cancel.ThrowIfCancellationRequested();
                if (next == stopped) throw new SimulationStoppedException();
                if (next != replay && progress is not null)
                    progress(await parts.Exchange.Ask<Snapshot>(GetSnapshot.Instance, QueryTimeout, cancel));
            }
            if (await replay is Failed failed) throw new ReplayFailedException(failed.Reason);
            if (parts.TradeLog is { } tradeLog) await tradeLog.Ask<Flushed>(Flush.Instance, QueryTimeout, cancel);
            var snapshot = await parts.Exchange.Ask<Snapshot>(GetSnapshot.Instance, QueryTimeout, cancel);
            var recording = request.Record ? await parts.Exchange.Ask<RunRecording>(GetRecording.Instance, QueryTimeout, cancel) : null;
            return new ReplayResult(snapshot, recording, (Completed)await replay);
        }
        finally
        {
            // Nothing of a run outlives it: its actors stop before the caller does anything with what they were writing.
            system.Stop(run);
            await stopped;
        }
    }
}

/// <summary>
/// One replay's actors under one parent: the clock, the exchange, every bot and the trade log, on the run's own event bus. An
/// actor that fails is stopped, never restarted with its state lost, and the run stops with it.
/// </summary>
internal sealed class ReplayRunActor : ReceiveActor
{
    public sealed record GetParts
    {
        public static readonly GetParts Instance = new();
    }

    public sealed record Parts(IActorRef Exchange, IActorRef? TradeLog);

    public ReplayRunActor(ReplayRequest request)
    {
        var mode = request.Mode;
        var assets = mode.Assets(request.Settings);
        var settings = request.Settings.WithRunAssets(assets);
        var bus = new EventStream(debug: false);
        var tradeLog = request.TradeLog is { } writer ? TradingSimulationHosting.StartTradeLog(Context, writer, mode.Timeline, bus) : null;
        var clock = Context.ActorOf(ReplayClockActor.Props(mode.Scenario.Steps()), "replay-clock");
        var bots = settings.BotsIn(serving: false);
        var exchange = Context.ActorOf(ExchangeActor.Props(settings.Exchange, assets, [.. bots.Select(b => b.Account)], clock,
            request.Record, request.Transactions, bus: bus), "exchange");
        var starting = new Bots.BotStarting(Context, exchange, settings.Exchange, bus);
        foreach (var bot in bots) bot.Kind.Start(bot, starting);
        foreach (var child in Context.GetChildren()) Context.Watch(child);

        Receive<GetParts>(_ => Sender.Tell(new Parts(exchange, tradeLog)));
        Receive<Terminated>(_ => Context.Stop(Self)); // a part failed: the run cannot go on
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}
