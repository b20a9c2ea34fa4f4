using AkkaTrading.Engine.Settings;
using Xunit;

namespace AkkaTrading.Engine.Tests.Sweeps;

public sealed class SweepGridReaderTests
{
    private static readonly TradingConfig Defaults = TradingConfig.FromText(null);

    private static string Grid(string parameters, string bot = "strategy = investor, assets = [ALFA], initial-cash = 1000",
        string more = "") => $"sweep {{\n bot {{ {bot} }}\n parameters {{ {parameters} }}\n {more}\n}}";

    [Fact]
    public void Lists_and_ranges_give_their_values_and_every_combination_its_settings()
    {
        var plan = SweepGridReader.Read(Grid("window = [5, 10]\ndip-percent { from = 1, to = 2, step = 0.25 }",
            more: ""), "grid.hocon", Defaults);

        Assert.Equal(["window", "dip-percent"], plan.Grid.Axes.Select(a => a.Key));
        Assert.Equal([1m, 1.25m, 1.5m, 1.75m, 2m], plan.Grid.Axes[1].Values.ToArray());
        Assert.Equal(10, plan.Grid.Count);
        var settings = plan.EffectiveSettings(9).ToDictionary(s => s.Key, s => s.Value);
        Assert.Equal("10", settings["window"]);
        Assert.Equal("2", settings["dip-percent"]);
        Assert.Equal("5.0", settings["take-profit-percent"]); // from the configured defaults
        Assert.Equal("c9", plan.Bot(9, ["ALFA"]).Name);
    }

    [Fact]
    public void Fixed_settings_of_the_template_apply_to_every_combination()
    {
        const string bot = "strategy = hamster, assets = all, initial-cash = 5, settings { quantity = 3 }";
        var plan = SweepGridReader.Read(Grid("cooldown = [1, 2]", bot), "g", Defaults);
        Assert.Contains(("quantity", "3"), plan.EffectiveSettings(1));
        Assert.True(plan.EveryAsset);
        Assert.Equal(["X", "Y"], plan.AssetsIn(["X", "Y"]));
    }

    [Theory]
    [InlineData("window = [5, 0]", "'sweep.parameters.window' holds 0, which the investor strategy refuses: 'window' must be ≥ 1")]
    [InlineData("window = [5, 2.5]",
        "'sweep.parameters.window' holds 2.5, which the investor strategy refuses: 'window' must be a whole number")]
    [InlineData("dip = [1]", "'sweep.parameters.dip' holds 1, which the investor strategy refuses: 'dip' is not a known setting")]
    [InlineData("window = [5, x]", "'sweep.parameters.window[1]' must be a number, not 'x'")]
    [InlineData("window = []", "'sweep.parameters.window' must list at least one value")]
    [InlineData("window = [5, 5]", "'sweep.parameters.window' lists a value twice")]
    [InlineData("window { from = 5, to = 1, step = 1 }", "'sweep.parameters.window.to' must be ≥ 'from' (5), not 1")]
    [InlineData("window { from = 1, to = 5, step = 0 }", "'sweep.parameters.window.step' must be > 0")]
    [InlineData("window { from = 1, to = 5 }", "'sweep.parameters.window.step' is missing")]
    [InlineData("window { from = 1, to = 1000000, step = 1 }", "'sweep.parameters.window.step' makes 1,000,000 values")]
    [InlineData("window { from = 0, to = 100, step = 1e-28 }", "'sweep.parameters.window.step' makes ")]
    [InlineData("dip-percent = [1, 101]",
        "'sweep.parameters.dip-percent' holds 101, which the investor strategy refuses: 'dip-percent' must be ≤ 100")]
    [InlineData("", "'sweep.parameters' is missing")]
    public void A_wrong_parameter_is_refused_naming_the_grid_file_and_key(string parameters, string message)
    {
        var e = Assert.Throws<SettingsException>(() => SweepGridReader.Read(Grid(parameters), "grid.hocon", Defaults));
        Assert.StartsWith($"grid.hocon: {message}", e.Message);
    }

    [Theory]
    [InlineData("strategy = trend, assets = [A], initial-cash = 1", "'sweep.bot.strategy' names unknown strategy 'trend'")]
    [InlineData("strategy = investor, assets = [], initial-cash = 1", "'sweep.bot.assets' must list at least one asset")]
    [InlineData("strategy = investor, assets = [A], initial-cash = -1", "'sweep.bot.initial-cash' must be ≥ 0")]
    [InlineData("strategy = investor, assets = [A]", "'sweep.bot.initial-cash' is missing")]
    [InlineData("strategy = investor, assets = [A], initial-cash = 1, name = x", "'sweep.bot.name' is not a known setting")]
    [InlineData("strategy = investor, assets = [A], initial-cash = 1, settings { window = 0 }",
        "'sweep.bot.settings.window' must be ≥ 1")]
    [InlineData("strategy = investor, assets = [A], initial-cash = 1, settings { window = 7 }",
        "'sweep.parameters.window' is swept and also fixed in 'sweep.bot.settings.window': give it in one place")]
    public void A_wrong_template_is_refused_naming_its_key(string bot, string message)
    {
        var e = Assert.Throws<SettingsException>(() => SweepGridReader.Read(Grid("window = [1]", bot), "grid.hocon", Defaults));
        Assert.StartsWith($"grid.hocon: {message}", e.Message);
    }

    [Fact]
    public void A_grid_over_the_limit_is_refused_before_anything_runs_and_a_sample_of_it_is_not()
    {
        var config = TradingConfig.FromText("akka-trading.sweep.max-combinations = 50", "base.hocon");
        const string parameters = "window { from = 1, to = 10, step = 1 }\ndip-percent { from = 1, to = 10, step = 1 }";
        var e = Assert.Throws<SettingsException>(() => SweepGridReader.Read(Grid(parameters), "grid.hocon", config));
        Assert.Equal("grid.hocon: 'sweep.parameters' make 100 combinations, more than 'akka-trading.sweep.max-combinations' = 50: narrow " +
            "the grid, sample it with random { samples = N, seed = S }, or raise the limit", e.Message);

        var sampled = SweepGridReader.Read(Grid(parameters, more: "random { samples = 20, seed = 1 }"), "grid.hocon", config);
        Assert.Equal(20, sampled.Grid.Count);
        var tooMany = Assert.Throws<SettingsException>(() =>
            SweepGridReader.Read(Grid(parameters, more: "random { samples = 60, seed = 1 }"), "grid.hocon", config));
        Assert.StartsWith("grid.hocon: 'sweep.random.samples' must be ≤ 50", tooMany.Message);
    }

    [Theory]
    [InlineData("sweep { bot { strategy = investor, assets = [A], initial-cash = 1 }\nparameters { window = [1] } }\nextra = 1",
        "'extra' is not a known setting")]
    [InlineData("sweep { bot { strategy = investor", "grid.hocon, line 1")]
    [InlineData("sweep { parameters { window = [1] } }", "'sweep.bot' is missing")]
    public void A_broken_grid_file_is_refused_naming_the_file(string text, string message)
    {
        var e = Assert.Throws<SettingsException>(() => SweepGridReader.Read(text, "grid.hocon", Defaults));
        Assert.StartsWith("grid.hocon", e.Message);
        Assert.Contains(message, e.Message);
    }
}
