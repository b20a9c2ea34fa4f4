using System.Collections.Immutable;
using AkkaTrading.Domain.Prices;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;

namespace AkkaTrading.Engine.Settings;

public sealed record ExchangeSettings(int HistorySize, decimal FeePercent);

/// <summary>A bot's account at the start: its name, its cash and the assets it trades.</summary>
public sealed record BotAccount(string Name, decimal InitialCash, ImmutableArray<string> Assets);

/// <summary>One configured bot: its strategy's settings are the strategy defaults with the bot's overrides applied.</summary>
public sealed record BotSettings(string Name, StrategyKind Kind, decimal InitialCash, ImmutableArray<string> Assets,
    object StrategySettings)
{
    /// <summary>The strategy's name, as in the configuration.</summary>
    public string Strategy => Kind.Name;

    public BotAccount Account => new(Name, InitialCash, Assets);

    public IStrategy CreateStrategy() => Kind.Create(StrategySettings);
}

/// <summary>A live price source: a seeded geometric random walk ticking every <see cref="Interval"/>.</summary>
public sealed record SourceSettings(string Asset, decimal StartPrice, double DriftPercent, double VolatilityPercent, int Seed,
    TimeSpan Interval)
{
    public IPriceGenerator CreateGenerator() => new RandomWalk(StartPrice, DriftPercent, VolatilityPercent, Seed);
}

public sealed record LiveSettings(TimeSpan Duration);

/// <summary>Everything read from the <c>akka-trading</c> section, validated once; strategies and actors never read HOCON.</summary>
public sealed record TradingSettings(ExchangeSettings Exchange, ImmutableArray<BotSettings> Bots, ImmutableArray<SourceSettings> Sources,
    LiveSettings Live)
{
    /// <summary>The network edge of <c>serve</c>.</summary>
    public required GatewaySettings Gateway { get; init; }

    public ImmutableArray<string> SourceAssets => [.. Sources.Select(s => s.Asset)];

    /// <summary>Refuses a bot that watches an asset the run has no prices for.</summary>
    public void RequireBotAssetsIn(IReadOnlyCollection<string> available, string where)
    {
        for (var i = 0; i < Bots.Length; i++)
            foreach (var asset in Bots[i].Assets)
                if (!available.Contains(asset))
                    throw new SettingsException(
                        $"'akka-trading.bots[{i}].assets' of bot '{Bots[i].Name}' names asset '{asset}', which {where} does not have (it " +
                            $"has: {string.Join(", ", available)})");
    }
}
