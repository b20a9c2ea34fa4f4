using Akka.Actor;
using AkkaTrading.Domain.Events;

namespace AkkaTrading.Gateway.Events;

/// <summary>Passes each <see cref="ExchangeEvent"/> published on the EventStream to the <see cref="EventHub"/>.</summary>
public sealed class EventHubFeeder : ReceiveActor
{
    public EventHubFeeder(EventHub hub) => Receive<ExchangeEvent>(hub.Publish);

    /// <summary>Starts the feeder already subscribed, so it misses no event published afterwards.</summary>
    public static IActorRef Start(ActorSystem system, EventHub hub)
    {
        var feeder = system.ActorOf(Props.Create(() => new EventHubFeeder(hub)), "gateway-event-feeder");
        system.EventStream.Subscribe(feeder, typeof(ExchangeEvent));
        return feeder;
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
