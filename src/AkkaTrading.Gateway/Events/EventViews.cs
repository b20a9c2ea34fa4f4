using AkkaTrading.Domain.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Events;

/// <summary>
/// One published event, shared by every subscription it is offered to, with its views built on first use: an event has at
/// most two (a trade is everyone's <c>trade</c> and its bot's <c>fill</c>), so each is built once, not once per subscriber.
/// </summary>
public sealed class EventViews(ExchangeEvent e)
{
    private WireEvent? _public, _own; // price or trade; fill or rejection (one bot's only)

    public ExchangeEvent Event { get; } = e;

    /// <summary>What <paramref name="bot"/> receives of this event with these topics, or null (as
    /// <see cref="TopicNames.View"/>).</summary>
    public WireEvent? For(Topics topics, string? bot)
    {
        var view = TopicNames.Pick(Event, topics, bot);
        if (view == EventView.None) return null;
        ref var slot = ref view is EventView.Fill or EventView.Rejection ? ref _own : ref _public;
        return Volatile.Read(ref slot)
            ?? Interlocked.CompareExchange(ref slot, new WireEvent(TopicNames.EnvelopeOf(Event, view)), null)
            ?? Volatile.Read(ref slot)!;
    }
}
