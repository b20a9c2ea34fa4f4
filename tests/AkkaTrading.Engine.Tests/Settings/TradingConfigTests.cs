using AkkaTrading.Domain.Strategies;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Tests.Settings;

public sealed class TradingConfigTests
{
    private static SettingsException Fails(string userHocon) =>
        Assert.Throws<SettingsException>(() => TradingConfig.FromText(userHocon, "my.hocon"));

    [Fact]
    public void The_defaults_describe_three_sources_an_investor_and_a_hamster()
    {
        var settings = TradingConfig.Load().Settings;
        Assert.Equal(["ALFA", "BETA", "GAMMA"], settings.SourceAssets.ToArray());
        Assert.Equal(["investor", "hamster"], settings.StrategyBots.Select(b => b.Strategy.Name));
        Assert.Equal(new InvestorSettings(20, 5.0m, 5.0m, 10), settings.StrategyBots[0].StrategySettings);
        // crash-percent overridden per bot
        Assert.Equal(new HamsterSettings(5, 1.0m, 5, 8.0m, 10), settings.StrategyBots[1].StrategySettings);
        Assert.Equal(new ExchangeSettings(1000, 0m), settings.Exchange);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.Live.Duration);
    }

    [Fact]
    public void A_user_file_overrides_values_and_its_bots_list_replaces_the_default_list()
    {
        var settings = TradingConfig.FromText("""
            akka-trading {
              exchange.fee-percent = 0.1
              strategies.investor.window = 3
              bots = [
                { name = cautious, strategy = investor, assets = [ALFA], initial-cash = 500, settings { dip-percent = 10 } }
                { name = eager, strategy = investor, assets = [ALFA, BETA], initial-cash = 500 }
              ]
            }
            """).Settings;
        Assert.Equal(0.1m, settings.Exchange.FeePercent);
        Assert.Equal(["cautious", "eager"], settings.Bots.Select(b => b.Name));
        Assert.Equal(new InvestorSettings(3, 10m, 5.0m, 10), settings.StrategyBots[0].StrategySettings);
        Assert.Equal(new InvestorSettings(3, 5.0m, 5.0m, 10), settings.StrategyBots[1].StrategySettings);
    }

    [Theory]
    [InlineData("akka-trading.exchange.fee-percent = -1", "'akka-trading.exchange.fee-percent' must be ≥ 0, not -1")]
    [InlineData("akka-trading.exchange.history-size = 0", "'akka-trading.exchange.history-size' must be ≥ 1, not 0")]
    [InlineData("akka-trading.strategies.investor.window = 0", "'akka-trading.strategies.investor.window' must be ≥ 1, not 0")]
    [InlineData("akka-trading.strategies.investor.dip-percent = -5",
        "'akka-trading.strategies.investor.dip-percent' must be ≥ 0, not -5")]
    [InlineData("akka-trading.strategies.hamster.quantity = 0",
        "'akka-trading.strategies.hamster.quantity' must be a whole number from 1 to 1000000000, not 0")]
    [InlineData("akka-trading.strategies.hamster.quantity = 2.5",
        "'akka-trading.strategies.hamster.quantity' must be a whole number from 1 to 1000000000, not 2.5")]
    [InlineData("akka-trading.strategies.hamster.cooldown = ten",
        "'akka-trading.strategies.hamster.cooldown' must be a whole number, not 'ten'")]
    [InlineData("akka-trading.strategies.investor.windw = 3", "'akka-trading.strategies.investor.windw' is not a known setting")]
    [InlineData("akka-trading.live.duration = soon", "'akka-trading.live.duration' must be a duration")]
    [InlineData("akka-trading.colour = red", "'akka-trading.colour' is not a known setting")]
    [InlineData("colour = red", "'colour' is not a known setting")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = gambler, assets = [ALFA], initial-cash = 1 } ]",
        "'akka-trading.bots[0].strategy' names unknown strategy 'gambler' (known: investor, hamster)")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = hamster, assets = [ALFA], initial-cash = 1, settings { window = 3 } } ]",
        "'akka-trading.bots[0].settings.window' is not a known setting")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = hamster, assets = [ALFA], initial-cash = 1, settings { crash-percent = -2 " +
        "} } ]",
        "'akka-trading.bots[0].settings.crash-percent' must be ≥ 0, not -2")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = hamster, assets = [ALFA] } ]",
        "'akka-trading.bots[0].initial-cash' is missing")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = hamster, assets = [ALFA], initial-cash = 1e20 } ]",
        "'akka-trading.bots[0].initial-cash' must be ≤ 1000000000000000, not 1e20")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = hamster, assets = [], initial-cash = 1 } ]",
        "'akka-trading.bots[0].assets' must list at least one asset")]
    [InlineData("akka-trading.bots = []", "'akka-trading.bots' must list at least one bot")]
    [InlineData("akka-trading.bots = [ { name = x, strategy = hamster, assets = [ALFA], initial-cash = 1 }, { name = x, strategy = " +
        "investor, assets = [ALFA], initial-cash = 1 } ]",
        "'akka-trading.bots' has the bot name 'x' twice")]
    [InlineData("akka-trading.bots = [ { name = \"two words\", strategy = hamster, assets = [ALFA], initial-cash = 1 } ]",
        "'akka-trading.bots[0].name' must be a name of at most 64 letters")]
    public void A_bad_value_is_refused_with_the_file_and_the_key(string userHocon, string message)
    {
        var error = Fails(userHocon);
        Assert.StartsWith("my.hocon: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("akka-trading {\n  exchange { fee-percent = 1 }\n", "my.hocon, line 1: '{' is never closed")]
    [InlineData("akka-trading {\n  bots = [ }\n}", "my.hocon, line 2: '}' closes the '[' opened on line 2")]
    [InlineData("akka-trading {\n  live { duration = }\n}", "my.hocon, line 2: a key has '=' or ':' but no value")]
    [InlineData("akka-trading {\n  live { duration = \"20s }\n}", "my.hocon, line 2: a quoted string is not closed on its line")]
    [InlineData("akka-trading.exchange.fee-percent = ${nowhere}",
        "my.hocon, line 1: substitutions '${...}' are not supported: write the value itself")]
    public void Invalid_hocon_is_refused_with_the_file_and_the_line(string userHocon, string message) =>
        Assert.StartsWith(message, Fails(userHocon).Message);

    [Fact]
    public void A_bitmex_source_reads_a_field_of_a_symbol_from_a_realtime_url()
    {
        var settings = TradingConfig.FromText("""
            akka-trading.sources = [
              { asset = XBTUSD, generator = bitmex, url = "ws://127.0.0.1:5080/realtime" }
              { asset = BTC, generator = bitmex, url = "wss://example.org/realtime", symbol = XBTUSD, field = lastPrice, first-retry = 2s }
            ]
            akka-trading.bots = [ { name = h, strategy = hamster, assets = [XBTUSD], initial-cash = 1 } ]
            """).Settings;
        Assert.Equal(new BitmexSourceSettings("XBTUSD", new Uri("ws://127.0.0.1:5080/realtime"), "XBTUSD", "fairPrice",
            TimeSpan.FromSeconds(1)), settings.Sources[0]);
        Assert.Equal(new BitmexSourceSettings("BTC", new Uri("wss://example.org/realtime"), "XBTUSD", "lastPrice", TimeSpan.FromSeconds(2)),
            settings.Sources[1]);
    }

    [Theory]
    [InlineData("{ asset = X, generator = bitmex, url = \"http://h/realtime\" }",
        "'akka-trading.sources[0].url' must be a ws:// or wss:// URL such as \"ws://127.0.0.1:5080/realtime\", not 'http://h/realtime'")]
    [InlineData("{ asset = X, generator = bitmex }", "'akka-trading.sources[0].url' is missing")]
    [InlineData("{ asset = X, generator = bitmex, url = \"ws://h/realtime\", seed = 1 }",
        "'akka-trading.sources[0].seed' is not a known setting (known here: asset, generator, url, symbol, field, first-retry)")]
    [InlineData("{ asset = X, generator = coin-flip }",
        "'akka-trading.sources[0].generator' names unknown generator 'coin-flip' (known: random-walk, bitmex)")]
    public void A_source_mistake_names_its_key(string source, string message) =>
        Assert.Equal($"my.hocon: {message}", Fails($"akka-trading.sources = [ {source} ]").Message);

    [Fact]
    public void A_missing_configuration_file_is_named()
    {
        var error = Assert.Throws<SettingsException>(() => TradingConfig.Load("/no/such/dir/my.hocon"));
        Assert.StartsWith("cannot read the configuration file '/no/such/dir/my.hocon'", error.Message);
    }

    [Fact]
    public void A_bot_watching_an_asset_without_prices_is_refused_naming_bot_and_asset()
    {
        var settings = TradingConfig.FromText("akka-trading.bots = [ { name = x, strategy = hamster, assets = [ALFA, ZETA], initial-cash " +
            "= 1 } ]").Settings;
        var error = Assert.Throws<SettingsException>(() => new SimulationMode.Live().Validate(settings));
        Assert.Equal("'akka-trading.bots[0].assets' of bot 'x' names asset 'ZETA', which the configured sources ('akka-trading.sources') " +
            "does not have (it has: ALFA, BETA, GAMMA)", error.Message);
    }

    [Fact]
    public void A_bot_with_assets_all_watches_every_asset_of_the_run_in_its_order()
    {
        var settings = TradingConfig.FromText("akka-trading.bots = [ { name = x, strategy = hamster, assets = all, initial-cash = 1 }, " +
            "{ name = y, strategy = investor, assets = [BETA], initial-cash = 1 } ]").Settings;

        new SimulationMode.Live().Validate(settings);
        var run = settings.WithRunAssets(["ORCL", "NVDA"]);

        Assert.Equal(["ORCL", "NVDA"], run.StrategyBots[0].Assets.ToArray());
        Assert.Equal(["BETA"], run.StrategyBots[1].Assets.ToArray());
        Assert.Contains("'akka-trading.bots[0].assets' must be a list", Assert.Throws<SettingsException>(() => TradingConfig.FromText(
            "akka-trading.bots = [ { name = x, strategy = hamster, assets = every, initial-cash = 1 } ]")).Message);
    }
}
