using Akka.Actor;
using AkkaTrading.Domain.Prices;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Feeds;

namespace AkkaTrading.Engine.Settings;

/// <summary>A live price source of one asset (<c>akka-trading.sources[]</c>), of the kind its <c>generator</c> names.</summary>
public abstract record SourceSettings(string Asset)
{
    /// <summary>The actor that sends this source's prices to <paramref name="exchange"/>.</summary>
    public abstract Props Props(IActorRef exchange);
}

/// <summary><c>generator = random-walk</c>: a seeded geometric random walk ticking every <see cref="Interval"/>.</summary>
public sealed record RandomWalkSourceSettings(string Asset, decimal StartPrice, double DriftPercent, double VolatilityPercent, int Seed,
    TimeSpan Interval) : SourceSettings(Asset)
{
    public IPriceGenerator CreateGenerator() => new RandomWalk(StartPrice, DriftPercent, VolatilityPercent, Seed);

    public override Props Props(IActorRef exchange) => PriceSourceActor.Props(Asset, CreateGenerator(), Interval, exchange);
}

/// <summary>
/// <c>generator = bitmex</c>: the asset's prices are <see cref="Field"/> of <see cref="Symbol"/>'s instrument rows from a server
/// speaking BitMEX's realtime protocol (another AkkaTrading <c>serve</c>, for example), reconnecting with backoff.
/// </summary>
public sealed record BitmexSourceSettings(string Asset, Uri Url, string Symbol, string Field, TimeSpan FirstRetry)
    : SourceSettings(Asset)
{
    public override Props Props(IActorRef exchange) =>
        BitmexSourceActor.Props(this, BitmexFeedTiming.Default, exchange);
}
