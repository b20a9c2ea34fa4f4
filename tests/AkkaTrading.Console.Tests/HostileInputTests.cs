using System.Diagnostics;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// Inputs that used to crash, hang or exhaust memory: each is now one clear message, exit code 2, no stack trace.
/// </summary>
public sealed class HostileInputTests
{
    private static async Task<string> FailsWith(params string[] args)
    {
        var run = AppRun.RunAsync(args);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == run, $"'{string.Join(' ', args)}' did not end within 30 s");
        var result = await run;
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal("", result.Output);
        Assert.True(result.Error.Length < 400, $"the message is {result.Error.Length} characters long");
        Assert.DoesNotContain(result.Error.TrimEnd(), char.IsControl);
        return result.Error.TrimEnd();
    }

    private static Task<string> WithConfig(string hocon) =>
        FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", RepoFiles.ScratchFile("mine.hocon", hocon));

    private static Task<string> ReplayOf(string name, string scenario) => FailsWith("replay", RepoFiles.ScratchFile(name, scenario));

    [Theory]
    [InlineData("include \"x\"", "line 1: 'include' is not supported: put the settings in this file")]
    [InlineData("akka-trading {\n  exchange.history-size = ${akka-trading.exchange.history-size}\n}",
        "line 2: substitutions '${...}' are not supported: write the value itself")]
    [InlineData("a = ${a}", "line 1: substitutions '${...}' are not supported: write the value itself")]
    [InlineData("akka-trading.bots = [\n { name = x, strategy = investor, assets = [ALFA], initial-cash = ${?x} }\n]",
        "line 2: substitutions '${...}' are not supported: write the value itself")]
    [InlineData("akka-trading.bots += { name = x, strategy = investor, assets = [ALFA], initial-cash = 5 }",
        "line 1: '+=' is not supported: write the whole list")]
    public async Task Hocon_that_crashed_or_hung_akkas_parser_is_refused_with_file_and_line(string hocon, string message) =>
        Assert.EndsWith($"mine.hocon, {message}", await WithConfig(hocon));

    [Fact]
    public async Task Deep_nesting_is_refused_before_it_overflows_the_parsers_stack() =>
        Assert.Contains("mine.hocon, line 1: objects and lists are nested deeper than 32 levels",
            await WithConfig("a = " + new string('[', 100_000) + new string(']', 100_000)));

    [Fact]
    public async Task Only_the_local_actor_provider_is_accepted()
    {
        var config = RepoFiles.ScratchFile("mine.hocon", "akka.actor.provider = cluster");
        Assert.Equal($"error: {config}: 'akka.actor.provider' must be local (this application runs one local actor system), not 'cluster'",
            await FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", config));
    }

    [Fact]
    public async Task A_scripted_price_beyond_the_largest_price_is_refused() =>
        Assert.EndsWith("huge.hocon: 'scenario.assets[0].start' must be ≤ 1000000000, not 7.9e28",
            await ReplayOf("huge.hocon", "scenario { assets = [ { asset = ALFA, start = 7.9e28, segments = [ { hold = 1 } ] } ] }"));

    [Fact]
    public async Task A_scripted_scenario_of_more_than_ten_million_steps_per_asset_is_refused_up_front()
    {
        Assert.EndsWith("long.hocon: 'scenario.assets[0].segments[0].hold' must be ≤ 10000000, not 2147483647",
            await ReplayOf("long.hocon", "scenario { assets = [ { asset = ALFA, start = 1, segments = [ { hold = 2147483647 } ] } ] }"));
        Assert.EndsWith("long.hocon: 'scenario.assets[0].segments' add up to 10000002 steps; at most 10000000 per asset",
            await ReplayOf("long.hocon",
                "scenario { assets = [ { asset = ALFA, start = 1, segments = [ { hold = 10000000 }, { jump = 2 } ] } ] }"));
    }

    [Fact]
    public async Task A_live_duration_beyond_thirty_days_is_refused()
    {
        Assert.Equal("error: --duration '99999h' is not a duration longer than zero and at most 30d, such as 200ms, 30s or 2m",
            await FailsWith("run", "--duration", "99999h"));
        var config = RepoFiles.ScratchFile("mine.hocon", "akka-trading.live.duration = 31d");
        Assert.Equal($"error: {config}: 'akka-trading.live.duration' must be a duration longer than zero and at most 30d, such as 200ms, " +
            $"30s or 2m, not '31d'",
            await FailsWith("run", "--config", config));
    }

    [Theory]
    [InlineData("akka-trading.exchange.history-size")]
    [InlineData("akka-trading.strategies.investor.window")]
    [InlineData("akka-trading.strategies.hamster.crash-window")]
    [InlineData("akka-trading.strategies.hamster.cooldown")]
    public async Task A_count_of_prices_above_a_million_is_refused_naming_the_key(string key) =>
        Assert.EndsWith($"'{key}' must be ≤ 1000000, not 1000001", await WithConfig($"{key} = 1000001"));

    [Fact]
    public async Task The_largest_histories_and_windows_really_run()
    {
        var config = RepoFiles.ScratchFile("mine.hocon", """
            akka-trading.exchange.history-size = 1000000
            akka-trading.strategies.investor.window = 1000000
            akka-trading.strategies.hamster { crash-window = 1000000, cooldown = 1000000 }
            """);
        var trades = await AppRun.ReplayTradesAsync(RepoFiles.Scenario("crash.hocon"), config);
        Assert.StartsWith("step,bot,side,asset,quantity,price", trades);
        Assert.Contains(",BUY,", trades);
    }

    [Fact]
    public async Task A_csv_line_without_end_is_refused_after_a_few_kilobytes()
    {
        var error = await ReplayOf("endless.csv", "step,asset,price\n0,ALFA," + new string('9', 5_000_000));
        Assert.Matches(@"endless\.csv, line 2: the line is longer than 4096 characters: '0,ALFA,9{50}9*…'$", error);
    }

    [Fact]
    public async Task A_configuration_file_over_four_megabytes_is_refused()
    {
        var config = RepoFiles.ScratchFile("mine.hocon", "# " + new string('x', 5 * 1024 * 1024));
        Assert.Equal($"error: cannot read the configuration file '{config}': the file is larger than 4 MB, the most read here",
            await FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", config));
    }

    [Fact]
    public async Task Errors_quote_a_short_escaped_excerpt_of_the_input()
    {
        var error = await ReplayOf("bad.csv", "step,asset,price\n0,ALFA,\u001b[31m" + new string('7', 3000) + "x\n");
        Assert.EndsWith("bad.csv, line 2: price '\\u001b[31m" + new string('7', 50)
            + "…' is not a decimal number (use '.' as the separator)", error);
        Assert.EndsWith("mine.hocon: 'akka-trading.strategies.investor.window' must be a whole number, not 'ten\\u0007'",
            await WithConfig("akka-trading.strategies.investor.window = \"\\tten\\u0007\""));
    }

    [Fact]
    public async Task A_directory_or_device_is_refused_as_a_scenario_or_configuration()
    {
        var dir = Path.GetDirectoryName(RepoFiles.ScratchFile("x.csv", ""))!;
        Assert.Equal($"error: {dir}: is a directory, not a file", await FailsWith("replay", dir));
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal("error: /dev/zero: is not a regular file (a FIFO, a device or a socket cannot be read as input)",
            await FailsWith("replay", "/dev/zero"));
        Assert.Equal("error: cannot read the configuration file '/dev/zero': is not a regular file (a FIFO, a device or a socket cannot " +
            "be read as input)",
            await FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", "/dev/zero"));
    }

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        if (!OperatingSystem.IsLinux()) return;
        var fifo = RepoFiles.Scratch("pipe.csv");
        using (var mkfifo = Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();
        Assert.EndsWith("pipe.csv: is not a regular file (a FIFO, a device or a socket cannot be read as input)",
            await FailsWith("replay", fifo));
        Assert.EndsWith("pipe.csv': is not a regular file (a FIFO, a device or a socket cannot be read as input)",
            await FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", fifo));
    }
}
