using System.Collections.Immutable;
using System.Globalization;
using Akka.Configuration;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Sweeps;

namespace AkkaTrading.Engine.Settings;

/// <summary>
/// Reads a grid file (schema: README, "Tuning strategies: sweeps"): <c>sweep { bot { ... }, parameters { ... }, random { ... } }</c>.
/// Every swept value is checked as a bot's setting in a configuration would be, and an error names the grid file and key.
/// </summary>
public static class SweepGridReader
{
    /// <summary>The most values one parameter's range may give.</summary>
    public const int MaxValuesPerParameter = 100_000;

    public static SweepPlan Read(string text, string name, TradingConfig config)
    {
        try
        {
            return Read(HoconSection.Root(TradingConfig.Parse(text, name)), config);
        }
        catch (SettingsException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new SettingsException($"{name}: {e.Message}");
        }

        SweepPlan Read(HoconSection root, TradingConfig config)
        {
            root.AllowOnly("sweep");
            var sweep = root.Section("sweep");
            sweep.AllowOnly("bot", "parameters", "random");
            var bot = sweep.Section("bot");
            bot.AllowOnly("strategy", "assets", "initial-cash", "settings");
            var strategy = bot.String("strategy");
            var kind = StrategyKinds.Find(strategy) ?? throw bot.Error("strategy",
                $"names unknown strategy '{strategy}' (known: {string.Join(", ", StrategyKinds.All.Select(k => k.Name))})");
            var defaults = HoconSection.Root(config.Config).Section(TradingSettingsReader.RootKey).Section("strategies").Section(kind.Name);
            var fixedSettings = bot.Has("settings") ? defaults.OverlaidWith(bot.Section("settings")) : defaults;
            kind.ReadSettings(fixedSettings);
            var every = bot.HasText("assets", "all");
            var assets = every ? [] : bot.Names("assets").Distinct(StringComparer.Ordinal).ToImmutableArray();
            if (assets.IsEmpty && !every) throw bot.Error("assets", "must list at least one asset, or be all");
            var cash = bot.Decimal("initial-cash", 0m, TradingSettingsReader.MaxCash);

            var parameters = sweep.Section("parameters");
            if (!parameters.Keys.Any()) throw sweep.Error("parameters", "must name at least one setting to sweep");
            if (bot.Has("settings") && parameters.Keys.FirstOrDefault(bot.Section("settings").Has) is { } both)
                throw parameters.Error(both, $"is swept and also fixed in 'sweep.bot.settings.{both}': give it in one place");
            var axes = parameters.Keys.Select(key => Axis(parameters, key, kind, fixedSettings)).ToImmutableArray();
            (int, int)? sample = null;
            if (sweep.Has("random"))
            {
                var random = sweep.Section("random");
                random.AllowOnly("samples", "seed");
                sample = (random.Int("samples", 1, config.Settings.Sweep.MaxCombinations), random.Int("seed"));
            }
            if (sample is not null && SweepGrid.FullCountOf(axes) == long.MaxValue)
                throw sweep.Error("parameters", "make too many combinations to draw a sample from: narrow the grid");
            var grid = new SweepGrid(axes, sample);
            if (grid.Count > config.Settings.Sweep.MaxCombinations)
                throw sweep.Error("parameters", $"make {grid.Count:N0} combinations, more than 'akka-trading.sweep.max-combinations' = " +
                    $"{config.Settings.Sweep.MaxCombinations:N0}: narrow the grid, sample it with random {{ samples = N, seed = S }}, or " +
                    "raise the limit");
            return new SweepPlan(name, kind, assets, every, cash, fixedSettings, grid);
        }
    }

    /// <summary>A list <c>[a, b, c]</c> or a range <c>{ from, to, step }</c>, each value checked as the strategy checks it.</summary>
    private static SweepAxis Axis(HoconSection parameters, string key, StrategyKind kind, HoconSection fixedSettings)
    {
        var values = parameters.IsList(key) ? parameters.Decimals(key) : Range(parameters.Section(key));
        foreach (var value in values)
        {
            try
            {
                var single = HoconSection.Root(ConfigurationFactory.ParseString($"{key} = {SweepPlan.Format(value)}"));
                kind.ReadSettings(fixedSettings.OverlaidWith(single));
            }
            catch (SettingsException e)
            {
                throw parameters.Error(key, $"holds {SweepPlan.Format(value)}, which the {kind.Name} strategy refuses: {e.Message}");
            }
        }
        if (values.Distinct().Count() != values.Length)
            throw parameters.Error(key, "lists a value twice");
        return new SweepAxis(key, values);
    }

    private static ImmutableArray<decimal> Range(HoconSection range)
    {
        range.AllowOnly("from", "to", "step");
        var (from, to, step) = (range.Decimal("from"), range.Decimal("to"), range.Decimal("step", 0m, exclusiveMin: true));
        if (to < from) throw range.Error("to", $"must be ≥ 'from' ({SweepPlan.Format(from)}), not {SweepPlan.Format(to)}");
        decimal count;
        try
        {
            count = decimal.Floor((to - from) / step) + 1;
        }
        catch (OverflowException)
        {
            count = decimal.MaxValue;
        }
        if (count > MaxValuesPerParameter)
            throw range.Error("step", $"makes {count:N0} values from {SweepPlan.Format(from)} to {SweepPlan.Format(to)}, more than " +
                $"{MaxValuesPerParameter:N0}: take a larger step");
        // as a list would write them: 1.5, 2 (not 1.50, 2.00)
        return [.. Enumerable.Range(0, (int)count)
            .Select(i => decimal.Parse(SweepPlan.Format(from + i * step), CultureInfo.InvariantCulture))];
    }
}
