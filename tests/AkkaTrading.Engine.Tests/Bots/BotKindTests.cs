using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Tests.Bots;

/// <summary>A bot is one concept with kinds: each kind is read from its own list, and all of them share one set of names.</summary>
public sealed class BotKindTests
{
    private const string Alice = "{ name = alice, token = \"alice-secret-token-123\", initial-cash = 1000 }";

    private static TradingSettings Read(string hocon) => TradingConfig.FromText(hocon, "my.hocon").Settings;

    private static string Fails(string hocon) => Assert.Throws<SettingsException>(() => Read(hocon)).Message;

    [Fact]
    public void Every_kind_has_its_own_name_and_list()
    {
        Assert.Equal(BotKinds.All.Length, BotKinds.All.Select(k => k.Name).Distinct().Count());
        Assert.Equal(BotKinds.All.Length, BotKinds.All.Select(k => k.ListKey).Distinct().Count());
        Assert.Equal(["strategy", "remote"], BotKinds.All.Select(k => k.Name));
    }

    [Fact]
    public void Remote_bots_are_bots_of_their_own_kind_that_take_part_only_where_the_gateway_runs()
    {
        var settings = Read($"akka-trading.gateway.remote-bots = [ {Alice} ]");

        Assert.Equal(["investor", "hamster", "alice"], settings.Bots.Select(b => b.Name));
        var alice = Assert.IsType<RemoteBotSettings>(settings.Bots[2]);
        Assert.Same(RemoteBotKind.Instance, alice.Kind);
        Assert.Equal(new BotAccount("alice", 1000m, []), alice.Account);
        Assert.Equal(["investor", "hamster"], settings.StrategyBots.Select(b => b.Name));
        Assert.Equal(["investor", "hamster"], settings.BotsIn(serving: false).Select(b => b.Name));
        Assert.Equal(["investor", "hamster", "alice"], settings.BotsIn(serving: true).Select(b => b.Name));
    }

    [Fact]
    public void A_token_can_come_from_the_environment()
    {
        var variable = $"AKKA_TRADING_TEST_TOKEN_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(variable, "from-the-environment-0123");
        try
        {
            var settings = Read($"akka-trading.gateway.remote-bots = [ {{ name = carol, token-env = {variable}, initial-cash = 5 }} ]");
            Assert.Equal("from-the-environment-0123", settings.Bots.OfType<RemoteBotSettings>().Single().Token);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_token_is_kept_out_of_the_printed_settings()
    {
        var alice = Read($"akka-trading.gateway.remote-bots = [ {Alice} ]").Bots.OfType<RemoteBotSettings>().Single();
        Assert.DoesNotContain("alice-secret-token-123", alice.ToString());
        Assert.Contains("alice", alice.ToString());
    }

    [Theory]
    [InlineData($"akka-trading.gateway.remote-bots = [ {Alice}, {Alice} ]",
        "'akka-trading.gateway.remote-bots' gives two bots the same token")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = investor, token = \"investor-secret-token\", initial-cash = 1 } ]",
        "'akka-trading.gateway.remote-bots' names bot 'investor', which 'akka-trading.bots' names too")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = a, token = \"t1-secret-token-123\", initial-cash = 1 }, " +
        "{ name = a, token = \"t2-secret-token-123\", initial-cash = 1 } ]",
        "'akka-trading.gateway.remote-bots' has the bot name 'a' twice")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = Investor, token = \"investor-secret-token\", initial-cash = 1 } ]",
        "'akka-trading.gateway.remote-bots' names bot 'Investor', which 'akka-trading.bots' names too")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = a, token = short, initial-cash = 1 } ]",
        "'akka-trading.gateway.remote-bots[0].token' must be at least 16 characters long (a secret nobody can guess)")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = a, initial-cash = 1 } ]",
        "'akka-trading.gateway.remote-bots[0].token' or 'token-env' must be given, one of them")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = a, token-env = AKKA_TRADING_SURELY_UNSET, initial-cash = 1 } ]",
        "'akka-trading.gateway.remote-bots[0].token-env' names the environment variable 'AKKA_TRADING_SURELY_UNSET', which is not set")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = a, token = \"a-secret-token-1234\", initial-cash = 1, api-key = k } ]",
        "'akka-trading.gateway.remote-bots[0].api-key' and 'api-secret' go together")]
    [InlineData("akka-trading.gateway.remote-bots = [ { name = a, token = \"a-secret-token-1234\", initial-cash = 1, strategy = x } ]",
        "'akka-trading.gateway.remote-bots[0].strategy' is not a known setting " +
        "(known here: name, token, token-env, initial-cash, api-key, api-secret)")]
    public void A_remote_bot_mistake_names_its_key(string hocon, string message) => Assert.Equal($"my.hocon: {message}", Fails(hocon));
}
/// <summary>A strategy is one kind registered once: its defaults, its settings reader and its factory come together.</summary>
public sealed class StrategyKindTests
{
    [Fact]
    public void Every_registered_strategy_kind_has_defaults_and_makes_its_strategy()
    {
        var defaults = HoconSection.Root(TradingConfig.FromText(null).Config).Section("akka-trading").Section("strategies");
        foreach (var kind in StrategyKinds.All)
        {
            var settings = kind.ReadSettings(defaults.Section(kind.Name));
            Assert.Same(kind, StrategyKinds.Of(settings));
            Assert.NotNull(kind.Create(settings));
            Assert.Same(kind, StrategyKinds.Find(kind.Name));
        }
        Assert.Null(StrategyKinds.Find("gambler"));
    }
}
