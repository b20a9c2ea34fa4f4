using System.Collections.Immutable;

namespace AkkaTrading.Engine.Bots;

public static class BotKinds
{
    /// <summary>Every kind of bot; a configuration's bots are read kind by kind in this order.</summary>
    public static readonly ImmutableArray<BotKind> All = [StrategyBotKind.Instance, RemoteBotKind.Instance];
}
