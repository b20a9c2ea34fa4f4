using Akka.Actor;
using AkkaTrading.Domain.Events;

namespace AkkaTrading.Gateway.Events;

/// <summary>Passes each <see cref="ExchangeEvent"/> published on the EventStream to the <see cref="EventHub"/>.</summary>
public sealed class EventHubFeeder : ReceiveActor
{
    public EventHubFeeder(EventHub hub) => Receive<ExchangeEvent>(hub.Publish);

    public static Props Props(EventHub hub) => Akka.Actor.Props.Create(() => new EventHubFeeder(hub));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
