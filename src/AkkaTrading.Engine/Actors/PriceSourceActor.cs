using Akka.Actor;
using AkkaTrading.Domain.Prices;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Engine.Actors;

/// <summary>A live price source for one asset: every interval it sends the generator's next price to the exchange.</summary>
public sealed class PriceSourceActor : ReceiveActor, IWithTimers
{
    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly TimeSpan _interval;

    public PriceSourceActor(string asset, IPriceGenerator generator, TimeSpan interval, IActorRef exchange)
    {
        _interval = interval;
        Receive<Tick>(_ => exchange.Tell(new PriceTick(asset, generator.Next())));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string asset, IPriceGenerator generator, TimeSpan interval, IActorRef exchange) =>
        Akka.Actor.Props.Create(() => new PriceSourceActor(asset, generator, interval, exchange));

    /// <summary>The first price goes out at once, the next ones every interval.</summary>
    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer("tick", Tick.Instance, _interval);
    }
}
