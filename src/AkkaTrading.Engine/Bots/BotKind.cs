using System.Collections.Immutable;
using Akka.Actor;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Bots;

/// <summary>
/// One bot of any kind, as configured: every bot has a name and an account with starting cash at the exchange;
/// what decides its orders is its <see cref="Kind"/>'s business.
/// </summary>
public abstract record BotSettings(string Name, decimal InitialCash)
{
    public abstract BotKind Kind { get; }

    /// <summary>The assets it watches (a bot that trades over the network watches none here).</summary>
    public virtual ImmutableArray<string> Assets => [];

    public BotAccount Account => new(Name, InitialCash, Assets);
}

/// <summary>What a bot kind reads its configuration with.</summary>
/// <param name="Trading">the <c>akka-trading</c> section</param>
/// <param name="Environment">environment variables, for secrets kept out of files</param>
public sealed record BotReading(HoconSection Trading, Func<string, string?> Environment);

/// <summary>Where a bot is started: its account is already open at <paramref name="Exchange"/>.</summary>
/// <param name="Bus">the run's event bus (the actor system's EventStream unless given)</param>
/// <param name="Actors">where the bots' actors are created: the actor system, or a run's own parent actor</param>
public sealed record BotStarting(IActorRefFactory Actors, IActorRef Exchange, ExchangeSettings ExchangeSettings,
    Akka.Event.EventStream? Bus = null);

/// <summary>
/// A kind of bot: where its bots are listed in the configuration, how each is read and checked, and what starting
/// one in a simulation does. Adding a kind is one such class and one line in <see cref="BotKinds.All"/>.
/// </summary>
public abstract class BotKind
{
    public abstract string Name { get; }

    /// <summary>Where its bots are listed, under <c>akka-trading</c> (e.g. <c>bots</c>).</summary>
    public abstract string ListKey { get; }

    /// <summary>Whether its bots decide over the network, so exist only where the gateway runs (<c>serve</c>).</summary>
    public abstract bool NeedsGateway { get; }

    /// <summary>Its bots as configured, checked one by one and together, each error naming its key.</summary>
    public IReadOnlyList<BotSettings> ReadAll(BotReading reading)
    {
        var path = ListKey.Split('.');
        var parent = path[..^1].Aggregate(reading.Trading, (section, key) => section.Section(key));
        var bots = parent.Sections(path[^1]).Select(entry => ReadOne(entry, reading)).ToList();
        CheckTogether(bots, parent, path[^1]);
        return bots;
    }

    /// <summary>Starts <paramref name="bot"/> in a running simulation.</summary>
    public abstract void Start(BotSettings bot, BotStarting starting);

    protected abstract BotSettings ReadOne(HoconSection entry, BotReading reading);

    /// <summary>Refuses what is wrong only among its bots together (<paramref name="list"/> is their list's key in
    /// <paramref name="parent"/>).</summary>
    protected virtual void CheckTogether(IReadOnlyList<BotSettings> bots, HoconSection parent, string list) { }
}

/// <summary>A <see cref="BotKind"/> with typed settings.</summary>
public abstract class BotKind<TBot> : BotKind where TBot : BotSettings
{
    public sealed override void Start(BotSettings bot, BotStarting starting) => Start((TBot)bot, starting);
    protected sealed override BotSettings ReadOne(HoconSection entry, BotReading reading) => Read(entry, reading);
    protected sealed override void CheckTogether(IReadOnlyList<BotSettings> bots, HoconSection parent, string list) =>
        CheckTogether([.. bots.Cast<TBot>()], parent, list);

    protected abstract TBot Read(HoconSection entry, BotReading reading);
    protected abstract void Start(TBot bot, BotStarting starting);
    protected virtual void CheckTogether(IReadOnlyList<TBot> bots, HoconSection parent, string list) { }
}
