using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Tests.Settings;

/// <summary>Configuration that crashed, hung or exhausted the reader or the run: refused up front, naming the file and the line or
/// key.</summary>
public sealed class HostileHoconTests
{
    private static string Fails(string userHocon) =>
        Assert.Throws<SettingsException>(() => TradingConfig.FromText(userHocon, "my.hocon")).Message;

    [Theory]
    [InlineData("include \"x\"", "line 1: 'include' is not supported")]
    [InlineData(".include \"x\" = 1", "line 1: 'include' is not supported")]
    [InlineData("a { }include \"x\"", "line 1: 'include' is not supported")]
    [InlineData("akka-trading.exchange.history-size = ${akka-trading.exchange.history-size}",
        "line 1: substitutions '${...}' are not supported")]
    [InlineData("akka-trading.bots = [\n { initial-cash = ${?x} }\n]", "line 2: substitutions '${...}' are not supported")]
    [InlineData("akka-trading.bots += { name = x }", "line 1: '+=' is not supported")]
    [InlineData("a = [&]", "line 1: '&' is not allowed outside quotes")]
    [InlineData("a = [ x = 1 ]", "line 1: '=' inside a list")]
    [InlineData("a = [ { x = 1\n { y = 2 } } ]", "line 2: '{' stands where a key belongs")]
    [InlineData("x = 1 { y = 2 }", "line 1: '{' follows a value")]
    [InlineData("a = [ x { y = 2 } ]", "line 1: '{' follows a list element")]
    [InlineData("a = 1 b = 2", "line 1: '=' follows a value")]
    [InlineData("a [1]", "line 1: a list needs '=' before it")]
    [InlineData("a { b }", "line 1: a key has no value")]
    public void Hocon_that_akkas_parser_cannot_survive_is_refused_with_the_line(string hocon, string message) =>
        Assert.StartsWith($"my.hocon, {message}", Fails(hocon));

    [Fact]
    public void Nesting_is_bounded_before_the_parser_recurses()
    {
        Assert.Equal("my.hocon, line 1: objects and lists are nested deeper than 32 levels",
            Fails("a = " + new string('[', 33) + new string(']', 33)));
        Assert.DoesNotContain("nested", Fails("a = " + new string('[', 32) + new string(']', 32)));
    }

    [Fact]
    public void Only_the_local_actor_provider_is_accepted()
    {
        Assert.Equal("my.hocon: 'akka.actor.provider' must be local (this application runs one local actor system), not 'cluster'",
            Fails("akka.actor.provider = cluster"));
        TradingConfig.FromText("akka.actor.provider = local", "my.hocon");
    }

    [Theory]
    [InlineData("akka-trading.exchange.history-size", "1000000", "1000001")]
    [InlineData("akka-trading.strategies.investor.window", "1000000", "1000001")]
    [InlineData("akka-trading.strategies.hamster.crash-window", "1000000", "1000001")]
    [InlineData("akka-trading.strategies.hamster.cooldown", "1000000", "1000001")]
    [InlineData("akka-trading.strategies.investor.take-profit-percent", "1000000", "1000000.01")]
    [InlineData("akka-trading.live.duration", "30d", "721h")]
    public void The_maximum_is_accepted_and_one_more_is_refused_naming_the_key(string key, string maximum, string beyond)
    {
        TradingConfig.FromText($"{key} = {maximum}", "my.hocon");
        Assert.StartsWith($"my.hocon: '{key}' must be ", Fails($"{key} = {beyond}"));
        Assert.Contains(beyond, Fails($"{key} = {beyond}"));
    }

    [Fact]
    public void A_source_start_price_beyond_the_largest_price_is_refused() =>
        Assert.Contains("'akka-trading.sources[0].start-price' must be ≤ 1000000000, not 1000000000.01", Fails("""
            akka-trading.sources = [
              { asset = ALFA, generator = random-walk, start-price = 1000000000.01, drift-percent = 0, volatility-percent = 1, seed = 1,
                interval = 1s }
            ]
            """));

    [Fact]
    public void Errors_quote_a_short_escaped_excerpt()
    {
        var error = Fails($"akka-trading.strategies.investor.window = \"\\u001b[2J{new string('9', 10_000)}\"");
        Assert.Equal("my.hocon: 'akka-trading.strategies.investor.window' must be a whole number, not '\\u001b[2J" + new string('9', 51)
            + "…'", error);
    }
}
