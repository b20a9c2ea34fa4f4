using System.Collections.Immutable;
using AkkaTrading.Domain.Inputs;
using AkkaTrading.Domain.Prices;
using AkkaTrading.Engine.Bots;

namespace AkkaTrading.Engine.Settings;

/// <summary>Reads and validates the <c>akka-trading</c> section (schema: README, "Configuration reference").</summary>
public static class TradingSettingsReader
{
    public const string RootKey = "akka-trading";

    /// <summary>The largest starting cash: far beyond any real account, far below where money arithmetic could overflow.</summary>
    public const decimal MaxCash = 1_000_000_000_000_000m;

    /// <summary>The most prices a history, window or cooldown counts: buffers grow to it lazily, so it really runs.</summary>
    public const int MaxPrices = 1_000_000;

    /// <summary>The largest take-profit: a ten-thousandfold rise, and still far from overflowing a price.</summary>
    public const decimal MaxTakeProfitPercent = 1_000_000m;

    public static TradingSettings Read(HoconSection root)
    {
        var section = root.Section(RootKey);
        section.AllowOnly("exchange", "strategies", "bots", "sources", "live", "gateway", "statistics", "persistence", "sweep");

        var exchange = section.Section("exchange");
        exchange.AllowOnly("history-size", "fee-percent");
        var exchangeSettings = new ExchangeSettings(exchange.Int("history-size", 1, MaxPrices), exchange.Decimal("fee-percent", 0m, 100m));

        var strategies = section.Section("strategies");
        strategies.AllowOnly([.. StrategyKinds.All.Select(k => k.Name)]);
        foreach (var kind in StrategyKinds.All) kind.ReadSettings(strategies.Section(kind.Name));

        var bots = ReadBots(section, Environment.GetEnvironmentVariable);

        var sources = section.Sections("sources").Select(ReadSource).ToImmutableArray();
        RequireUnique(sources.Select(s => s.Asset), section, "sources", "source asset");

        var live = section.Section("live");
        live.AllowOnly("duration");

        var gateway = GatewaySettingsReader.Read(section.Section("gateway"));
        return new TradingSettings(exchangeSettings, bots, sources, new LiveSettings(live.Duration("duration")))
        {
            Gateway = gateway,
            Persistence = PersistenceSettingsReader.Read(section.Section("persistence"), Environment.GetEnvironmentVariable),
            Sweep = SweepSettingsReader.Read(section.Section("sweep")),
            Statistics = section.Has("statistics") ? ReadStatistics(section.Section("statistics")) : StatisticsSettings.Default,
        };
    }

    /// <summary>Optional, and absent from the defaults, so that the effective configuration of a run without it reads as before.</summary>
    private static StatisticsSettings ReadStatistics(HoconSection statistics)
    {
        statistics.AllowOnly("risk-free-rate-percent");
        return statistics.Has("risk-free-rate-percent")
            ? new StatisticsSettings(statistics.Decimal("risk-free-rate-percent", -100m, 100m, exclusiveMin: true))
            : StatisticsSettings.Default;
    }

    /// <summary>Every kind's bots, in <see cref="BotKinds.All"/>'s order; a name is one bot's, whatever the kinds.</summary>
    private static ImmutableArray<BotSettings> ReadBots(HoconSection section, Func<string, string?> environment)
    {
        var reading = new BotReading(section, environment);
        var bots = ImmutableArray.CreateBuilder<BotSettings>();
        var seen = new Dictionary<string, BotKind>(StringComparer.OrdinalIgnoreCase); // as the exchange: "Carol" is "carol"
        foreach (var kind in BotKinds.All)
            foreach (var bot in kind.ReadAll(reading))
            {
                if (seen.TryGetValue(bot.Name, out var first))
                    throw section.Error(kind.ListKey, first == kind ? $"has the bot name '{bot.Name}' twice"
                        : $"names bot '{bot.Name}', which 'akka-trading.{first.ListKey}' names too");
                seen.Add(bot.Name, kind);
                bots.Add(bot);
            }
        return bots.ToImmutable();
    }

    private static SourceSettings ReadSource(HoconSection s)
    {
        var generator = s.String("generator");
        switch (generator)
        {
            case "random-walk":
                s.AllowOnly("asset", "generator", "start-price", "drift-percent", "volatility-percent", "seed", "interval");
                return new RandomWalkSourceSettings(s.Name("asset"), s.Decimal("start-price", 0m, Cents.MaxPrice, exclusiveMin: true),
                    (double)s.Decimal("drift-percent", -100m, 100m),
                    (double)s.Decimal("volatility-percent", 0m, 100m), s.Int("seed"), s.Duration("interval"));
            case "bitmex":
                s.AllowOnly("asset", "generator", "url", "symbol", "field", "first-retry");
                var asset = s.Name("asset");
                var url = s.String("url");
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
                    throw s.Error("url",
                        $"must be a ws:// or wss:// URL such as \"ws://127.0.0.1:5080/realtime\", not '{Excerpt.Of(url)}'");
                return new BitmexSourceSettings(asset, uri, s.Has("symbol") ? s.Name("symbol") : asset,
                    s.Has("field") ? s.Name("field") : "fairPrice",
                    s.Has("first-retry") ? s.Duration("first-retry") : TimeSpan.FromSeconds(1));
            default:
                throw s.Error("generator", $"names unknown generator '{generator}' (known: random-walk, bitmex)");
        }
    }

    private static void RequireUnique(IEnumerable<string> names, HoconSection section, string key, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
            if (!seen.Add(name)) throw section.Error(key, $"has the {what} '{name}' twice");
    }
}
