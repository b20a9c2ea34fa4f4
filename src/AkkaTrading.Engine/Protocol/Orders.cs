using System.Collections.Immutable;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Engine.Protocol;

/// <summary>Orders from bots to the exchange and the exchange's answers.</summary>
public static class Orders
{
    /// <summary>A market order in a live run; answered with <see cref="OrderFilled"/> or <see cref="OrderRejected"/>.</summary>
    public sealed record PlaceOrder(Order Order);

    /// <summary>A bot's orders for one replay step (possibly none), each answered like a <see cref="PlaceOrder"/>.</summary>
    public sealed record StepDecisions(long Step, string Bot, ImmutableArray<Order> Orders);

    public sealed record OrderFilled(Fill Fill);
    public sealed record OrderRejected(Rejection Rejection);
}
