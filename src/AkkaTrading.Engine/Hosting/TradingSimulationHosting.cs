using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Settings;
using Microsoft.Extensions.Logging;

namespace AkkaTrading.Engine.Hosting;

/// <summary>Registry keys of the simulation's actors.</summary>
public sealed class Exchange;

public static class TradingSimulationHosting
{
    /// <summary>
    /// Starts a live or paced simulation's actors: the exchange with every bot's account, each bot as its kind starts it and one
    /// source per configured asset (or the scenario's player); with <paramref name="record"/> the exchange records the run for
    /// a report. The exchange is registered as <see cref="Exchange"/>. A replay runs through <see cref="Running.ReplayRun"/>.
    /// </summary>
    /// <param name="serving">
    /// in a server: the exchange stamps and keeps events for clients, its accounts are a ledger, the bots that need the gateway
    /// take part, and a failing actor resumes instead of stopping the run
    /// </param>
    /// <param name="ledger">in a server: where the ledger is written (in memory only unless given)</param>
    public static AkkaConfigurationBuilder AddTradingSimulation(this AkkaConfigurationBuilder builder, TradingSettings settings,
        SimulationMode mode, bool record = false, bool serving = false, ServerLedger? ledger = null)
    {
        if (mode is SimulationMode.Replay)
            throw new ArgumentException("a replay runs through ReplayRun, not as a hosted simulation", nameof(mode));
        mode.Validate(settings);
        var assets = mode.Assets(settings);
        settings = settings.WithRunAssets(assets);

        return builder.AddHocon(serving ? KeepServing.Hocon : StopOnFailure.Hocon, HoconAddMode.Prepend)
            .WithActors((system, registry, resolver) =>
        {
            var transactions = TransactionLog.From(resolver.GetService<ILoggerFactory>());

            var bots = settings.BotsIn(serving);
            var exchange = system.ActorOf(ExchangeActor.Props(settings.Exchange, assets, [.. bots.Select(b => b.Account)], clock: null,
                record, transactions,
                eventLogSize: serving ? settings.Gateway.EventLogSize : 0, ledger: serving ? ledger ?? ServerLedger.InMemory() : null),
                "exchange");
            registry.Register<Exchange>(exchange);

            // Bots are started before any source or the clock can produce a price.
            var starting = new BotStarting(system, exchange, settings.Exchange);
            foreach (var bot in bots) bot.Kind.Start(bot, starting);

            if (mode is SimulationMode.Live)
                foreach (var source in settings.Sources)
                    system.ActorOf(source.Props(exchange), $"source-{source.Asset}");
            if (mode is SimulationMode.Paced paced)
                system.ActorOf(ScenarioPlayerActor.Props(paced.Scenario.Steps(), paced.StepsPerSecond, exchange), "scenario-player");
        });
    }

    /// <summary>
    /// Starts a bot already subscribed to prices, so it misses none published from now on. It applies the
    /// exchange's own settings (the fee) to its copy of its account in a replay.
    /// </summary>
    /// <param name="bus">the run's event bus (the actor system's EventStream unless given)</param>
    /// <param name="actors">where the actor is created: the actor system, or a run's own parent actor (then with its bus)</param>
    public static IActorRef StartBot(IActorRefFactory actors, BotAccount account, IStrategy strategy, ExchangeSettings exchangeSettings,
        IActorRef exchange, EventStream? bus = null)
    {
        bus ??= ((ActorSystem)actors).EventStream;
        var bot = actors.ActorOf(BotActor.Props(account, strategy, exchangeSettings.FeePercent, exchange, bus), $"bot-{account.Name}");
        bus.Subscribe(bot, typeof(Protocol.Market.PriceChanged));
        bus.Subscribe(bot, typeof(Protocol.Market.PriceBlock));
        bus.Subscribe(bot, typeof(Protocol.Market.PositionsRecovered));
        return bot;
    }

    /// <summary>Starts a trade log writer already subscribed to trades, so none published from now on is missed.</summary>
    public static IActorRef StartTradeLog(IActorRefFactory actors, TextWriter writer, Domain.Scenarios.Timeline? timeline = null,
        EventStream? bus = null)
    {
        bus ??= ((ActorSystem)actors).EventStream;
        var actor = actors.ActorOf(TradeLogActor.Props(writer, timeline, bus), "trade-log");
        bus.Subscribe(actor, typeof(Protocol.Market.TradeExecuted));
        return actor;
    }
}
