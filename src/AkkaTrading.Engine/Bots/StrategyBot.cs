using System.Collections.Immutable;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Bots;

/// <summary>A bot run by a built-in strategy: its settings are the strategy defaults with the bot's overrides applied.</summary>
public sealed record StrategyBotSettings(string Name, StrategyKind Strategy, decimal InitialCash, ImmutableArray<string> WatchedAssets,
    object StrategySettings) : BotSettings(Name, InitialCash)
{
    public override BotKind Kind => StrategyBotKind.Instance;

    /// <summary><c>assets = all</c>: the bot watches every asset of the run, known once the run's prices are (see
    /// <see cref="TradingSettings.WithRunAssets"/>); until then <see cref="WatchedAssets"/> is empty.</summary>
    public bool WatchesEveryAsset { get; init; }

    public override ImmutableArray<string> Assets => WatchedAssets;

    public IStrategy CreateStrategy() => Strategy.Create(StrategySettings);
}

/// <summary>Bots listed in <c>akka-trading.bots</c>, each deciding in its own actor by a <see cref="StrategyKind"/>.</summary>
public sealed class StrategyBotKind : BotKind<StrategyBotSettings>
{
    public static readonly StrategyBotKind Instance = new();

    private StrategyBotKind() { }

    public override string Name => "strategy";

    public override bool NeedsGateway => false;

    public override string ListKey => "bots";

    protected override void CheckTogether(IReadOnlyList<StrategyBotSettings> bots, HoconSection parent, string list)
    {
        if (bots.Count == 0) throw parent.Error(list, "must list at least one bot");
    }

    protected override void Start(StrategyBotSettings bot, BotStarting starting) =>
        TradingSimulationHosting.StartBot(starting.Actors, bot.Account, bot.CreateStrategy(), starting.ExchangeSettings, starting.Exchange,
            starting.Bus);

    protected override StrategyBotSettings Read(HoconSection bot, BotReading reading)
    {
        bot.AllowOnly("name", "strategy", "assets", "initial-cash", "settings");
        var strategy = bot.String("strategy");
        var kind = StrategyKinds.Find(strategy)
            ?? throw bot.Error("strategy",
                $"names unknown strategy '{strategy}' (known: {string.Join(", ", StrategyKinds.All.Select(k => k.Name))})");
        var defaults = reading.Trading.Section("strategies").Section(strategy);
        var effective = bot.Has("settings") ? defaults.OverlaidWith(bot.Section("settings")) : defaults;
        var every = bot.HasText("assets", "all");
        var assets = every ? [] : bot.Names("assets");
        if (assets.IsEmpty && !every) throw bot.Error("assets", "must list at least one asset, or be all");
        return new StrategyBotSettings(bot.Name("name"), kind, bot.Decimal("initial-cash", 0m, TradingSettingsReader.MaxCash),
            assets.Distinct(StringComparer.Ordinal).ToImmutableArray(), kind.ReadSettings(effective)) { WatchesEveryAsset = every };
    }
}
