using System.Collections.Immutable;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Bots;

/// <summary>
/// A built-in strategy as the configuration knows it: its name (<c>strategy = NAME</c> in a bot, its defaults under
/// <c>strategies.NAME</c>), how its settings are read and checked, and how a strategy is made from them.
/// Adding a strategy is one such class and one line in <see cref="StrategyKinds.All"/>.
/// </summary>
public abstract class StrategyKind
{
    public abstract string Name { get; }

    public abstract Type SettingsType { get; }

    /// <summary>Reads and checks the strategy's settings (the defaults with a bot's overrides), naming the key of any mistake.</summary>
    public abstract object ReadSettings(HoconSection settings);

    public abstract IStrategy Create(object settings);
}

/// <summary>A <see cref="StrategyKind"/> with typed settings.</summary>
public abstract class StrategyKind<TSettings> : StrategyKind where TSettings : notnull
{
    public sealed override Type SettingsType => typeof(TSettings);
    public sealed override object ReadSettings(HoconSection settings) => Read(settings);
    public sealed override IStrategy Create(object settings) => Create((TSettings)settings);

    protected abstract TSettings Read(HoconSection settings);
    protected abstract IStrategy Create(TSettings settings);
}

public static class StrategyKinds
{
    /// <summary>Every built-in strategy, in the order the configuration reference lists them.</summary>
    public static readonly ImmutableArray<StrategyKind> All = [new InvestorKind(), new HamsterKind()];

    public static StrategyKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind whose settings these are (tests and tools that build settings in code).</summary>
    public static StrategyKind Of(object settings) => All.FirstOrDefault(k => k.SettingsType == settings.GetType())
        ?? throw new ArgumentException($"no strategy kind has settings of type {settings.GetType().Name}", nameof(settings));

    private sealed class InvestorKind : StrategyKind<InvestorSettings>
    {
        public override string Name => "investor";

        protected override InvestorSettings Read(HoconSection s)
        {
            s.AllowOnly("window", "dip-percent", "take-profit-percent", "quantity");
            return new InvestorSettings(s.Int("window", 1, TradingSettingsReader.MaxPrices), s.Decimal("dip-percent", 0m, 100m),
                s.Decimal("take-profit-percent", 0m, TradingSettingsReader.MaxTakeProfitPercent), s.Quantity("quantity"));
        }

        protected override IStrategy Create(InvestorSettings settings) => new InvestorStrategy(settings);
    }

    private sealed class HamsterKind : StrategyKind<HamsterSettings>
    {
        public override string Name => "hamster";

        protected override HamsterSettings Read(HoconSection s)
        {
            s.AllowOnly("quantity", "cheaper-by-percent", "crash-window", "crash-percent", "cooldown");
            return new HamsterSettings(s.Quantity("quantity"), s.Decimal("cheaper-by-percent", 0m, 100m),
                s.Int("crash-window", 1, TradingSettingsReader.MaxPrices),
                s.Decimal("crash-percent", 0m, 100m), s.Int("cooldown", 0, TradingSettingsReader.MaxPrices));
        }

        protected override IStrategy Create(HamsterSettings settings) => new HamsterStrategy(settings);
    }
}
