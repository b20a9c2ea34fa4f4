using System.Collections.Immutable;
using System.Globalization;
using Akka.Configuration;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// A grid file read and checked: the bot every combination is (a strategy, its assets and starting cash, fixed settings
/// over the strategy's configured defaults) and the <see cref="SweepGrid"/> of swept settings. Combination <c>i</c> is a bot
/// named <c>c{i}</c> whose settings are the fixed ones with the grid's values of <c>i</c>.
/// </summary>
public sealed class SweepPlan(string gridName, StrategyKind strategy, ImmutableArray<string> assets, bool everyAsset, decimal initialCash,
    HoconSection settings, SweepGrid grid)
{
    public string GridName { get; } = gridName;
    public StrategyKind Strategy { get; } = strategy;
    public decimal InitialCash { get; } = initialCash;
    public SweepGrid Grid { get; } = grid;

    /// <summary><c>assets = all</c> in the grid: every asset of the scenario.</summary>
    public bool EveryAsset { get; } = everyAsset;

    /// <summary>The assets the combinations watch, in a run over <paramref name="runAssets"/>.</summary>
    public IReadOnlyList<string> AssetsIn(IReadOnlyList<string> runAssets) => EveryAsset ? runAssets : assets;

    public PlainBot Bot(long index, IReadOnlyList<string> runAssets) =>
        new($"c{index}", Strategy.Create(Strategy.ReadSettings(SettingsOf(index))), AssetsIn(runAssets), InitialCash);

    /// <summary>Every setting of combination <paramref name="index"/>'s strategy as <c>key = value</c>, in the defaults' order.</summary>
    public IReadOnlyList<(string Key, string Value)> EffectiveSettings(long index)
    {
        var effective = SettingsOf(index);
        return [.. effective.Keys.Select(k => (k, effective.ScalarText(k)))];
    }

    private HoconSection SettingsOf(long index)
    {
        var values = Grid.Values(index);
        var text = string.Join("\n", Grid.Axes.Select((axis, i) => $"{axis.Key} = {Format(values[i])}"));
        return settings.OverlaidWith(HoconSection.Root(ConfigurationFactory.ParseString(text)));
    }

    /// <summary>A value as a configuration writes it: invariant, without trailing zeros (<c>2</c>, not <c>2.0</c>).</summary>
    public static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
