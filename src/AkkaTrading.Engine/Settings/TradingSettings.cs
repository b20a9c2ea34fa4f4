using System.Collections.Immutable;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Bots;

namespace AkkaTrading.Engine.Settings;

public sealed record ExchangeSettings(int HistorySize, decimal FeePercent);

/// <summary>A bot's account at the start: its name, its cash and the assets it trades.</summary>
public sealed record BotAccount(string Name, decimal InitialCash, ImmutableArray<string> Assets);

public sealed record LiveSettings(TimeSpan Duration);

/// <summary>How the statistics are measured: the yearly risk-free rate Sharpe and Sortino ratios count returns above.</summary>
public sealed record StatisticsSettings(decimal RiskFreeRatePercent)
{
    public static readonly StatisticsSettings Default = new(0m);
}

/// <summary>Everything read from the <c>akka-trading</c> section, validated once; strategies and actors never read HOCON.</summary>
/// <param name="Bots">every configured bot, of every kind</param>
public sealed record TradingSettings(ExchangeSettings Exchange, ImmutableArray<BotSettings> Bots, ImmutableArray<SourceSettings> Sources,
    LiveSettings Live)
{
    /// <summary>The bots run by built-in strategies, in their configured order.</summary>
    public ImmutableArray<StrategyBotSettings> StrategyBots => [.. Bots.OfType<StrategyBotSettings>()];

    /// <summary>The bots that take part in a run: all of them with the gateway, else those that need none.</summary>
    public ImmutableArray<BotSettings> BotsIn(bool serving) => [.. Bots.Where(b => serving || !b.Kind.NeedsGateway)];

    /// <summary>The network edge of <c>serve</c>.</summary>
    public required GatewaySettings Gateway { get; init; }

    public StatisticsSettings Statistics { get; init; } = StatisticsSettings.Default;

    /// <summary>Where <c>serve</c> keeps its ledger; replays never persist.</summary>
    public PersistenceSettings Persistence { get; init; } = PersistenceSettings.None;

    /// <summary>How <c>sweep</c> runs its combinations.</summary>
    public SweepSettings Sweep { get; init; } = SweepSettings.Default;

    public ImmutableArray<string> SourceAssets => [.. Sources.Select(s => s.Asset)];

    /// <summary>These settings with every bot configured with <c>assets = all</c> watching the run's assets, in their order.</summary>
    public TradingSettings WithRunAssets(IReadOnlyList<string> assets) => this with
    {
        Bots = [.. Bots.Select(b => b is StrategyBotSettings { WatchesEveryAsset: true } s ? s with { WatchedAssets = [.. assets] } : b)],
    };

    /// <summary>Refuses a bot that watches an asset the run has no prices for.</summary>
    public void RequireBotAssetsIn(IReadOnlyCollection<string> available, string where)
    {
        var bots = StrategyBots;
        for (var i = 0; i < bots.Length; i++)
            foreach (var asset in bots[i].Assets)
                if (!available.Contains(asset))
                    throw new SettingsException(
                        $"'akka-trading.bots[{i}].assets' of bot '{bots[i].Name}' names asset '{asset}', which {where} does not have (it " +
                            $"has: {string.Join(", ", available)})");
    }
}
