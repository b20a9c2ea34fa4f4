using System.Collections.Immutable;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Engine.Protocol;

/// <summary>Orders from bots to the exchange and the exchange's answers.</summary>
public static class Orders
{
    /// <summary>A market order in a live run; answered with <see cref="OrderFilled"/> or <see cref="OrderRejected"/>.</summary>
    public sealed record PlaceOrder(Order Order);

    /// <summary>
    /// A bot's orders for one replay block (possibly none), in step order, each with the fill the bot
    /// expects; the exchange executes them step by step and fails the replay if an outcome differs.
    /// </summary>
    public sealed record BlockDecisions(long Sequence, string Bot, ImmutableArray<StepOrder> Orders);

    public sealed record OrderFilled(Fill Fill);
    public sealed record OrderRejected(Rejection Rejection);
}
