namespace AkkaTrading.Console.Tests;

/// <summary>Every user mistake: one clear message naming what and where, exit code 2, no stack trace.</summary>
public sealed class BadInputTests
{
    private static async Task<string> FailsWith(params string[] args)
    {
        var result = await AppRun.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal("", result.Output);
        return result.Error.TrimEnd();
    }

    private static Task<string> ReplayOf(string csv, params string[] more) =>
        FailsWith(["replay", RepoFiles.ScratchFile("bad.csv", csv), .. more]);

    [Fact]
    public async Task Missing_scenario_file() =>
        Assert.Equal("error: /no/such/scenario.csv: no such file", await FailsWith("replay", "/no/such/scenario.csv"));

    [Fact]
    public async Task Malformed_csv_row_names_file_and_line()
    {
        var error = await ReplayOf("step,asset,price\n0,ALFA,10\n1,ALFA\n");
        Assert.Matches(@"^error: .*bad\.csv, line 3: expected 3 fields 'step,asset,price' but found '1,ALFA'$", error);
    }

    [Theory]
    [InlineData("0,ALFA,0", "line 2: price 0 is not positive")]
    [InlineData("0,ALFA,-3.5", "line 2: price -3.5 is not positive")]
    [InlineData("0,ALFA,ten", "line 2: price 'ten' is not a decimal number (use '.' as the separator)")]
    [InlineData("0,ALFA,\"10,5\"", "line 2: expected 3 fields")]
    [InlineData("5,ALFA,10\n4,ALFA,11", "line 3: step 4 comes after step 5; steps must not decrease")]
    [InlineData("x,ALFA,10", "line 2: step 'x' is not a whole number ≥ 0")]
    [InlineData("0,../x,10", "line 2: asset '../x' is not a name of at most 64 letters, digits, '-', '_' and '.'")]
    [InlineData("0,ALFA,20000000000000000000000000000",
        "line 2: price 20000000000000000000000000000 is above the largest price supported (1000000000)")]
    public async Task Bad_price_or_step_names_file_and_line(string rows, string message) =>
        Assert.Contains("bad.csv, " + message, await ReplayOf("step,asset,price\n" + rows + "\n"));

    [Fact]
    public async Task Wrong_csv_header() =>
        Assert.Contains("bad.csv, line 1: expected the header 'step,asset,price' but found 'time,asset,price'",
            await ReplayOf("time,asset,price\n0,ALFA,1\n"));

    [Fact]
    public async Task Invalid_hocon_configuration_names_file_and_line()
    {
        var config = RepoFiles.ScratchFile("broken.hocon", "akka-trading {\n  exchange { fee-percent = 1 \n}\n");
        Assert.Equal($"error: {config}, line 1: '{{' is never closed",
            await FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", config));
    }

    [Theory]
    [InlineData("akka-trading.bots = [ { name = x, strategy = gambler, assets = [ALFA], initial-cash = 1 } ]",
        "'akka-trading.bots[0].strategy' names unknown strategy 'gambler' (known: investor, hamster)")]
    [InlineData("akka-trading.strategies.investor.window = 0", "'akka-trading.strategies.investor.window' must be ≥ 1, not 0")]
    [InlineData("akka-trading.strategies.hamster.quantity = 0",
        "'akka-trading.strategies.hamster.quantity' must be a whole number from 1 to 1000000000, not 0")]
    [InlineData("akka-trading.strategies.investor.dip-percent = -1",
        "'akka-trading.strategies.investor.dip-percent' must be ≥ 0, not -1")]
    [InlineData("akka-trading.exchange.histroy-size = 5", "'akka-trading.exchange.histroy-size' is not a known setting")]
    public async Task Bad_settings_name_file_and_key(string hocon, string message)
    {
        var config = RepoFiles.ScratchFile("mine.hocon", hocon);
        Assert.StartsWith($"error: {config}: {message}", await FailsWith("replay", RepoFiles.Scenario("crash.hocon"), "--config", config));
    }

    [Fact]
    public async Task Unknown_asset_in_a_bots_list_names_bot_asset_and_scenario()
    {
        var config = RepoFiles.ScratchFile("mine.hocon",
            "akka-trading.bots = [ { name = x, strategy = investor, assets = [ALFA, ORCL], initial-cash = 100 } ]");
        var scenario = RepoFiles.Scenario("crash.hocon");
        Assert.Equal($"error: 'akka-trading.bots[0].assets' of bot 'x' names asset 'ORCL', which the scenario '{scenario}' does not have " +
            $"(it has: ALFA, BETA, GAMMA)",
            await FailsWith("replay", scenario, "--config", config));
    }

    [Fact]
    public async Task Unknown_asset_in_a_bots_list_is_refused_for_a_live_run_too()
    {
        var config = RepoFiles.ScratchFile("mine.hocon",
            "akka-trading.bots = [ { name = x, strategy = investor, assets = [ORCL], initial-cash = 100 } ]");
        Assert.Contains("names asset 'ORCL', which the configured sources", await FailsWith("run", "--config", config));
    }

    [Theory]
    [InlineData(new[] { "trade" },
        "error: unknown command 'trade' (commands: run, replay, serve, quotes, ledger, sweep, sweep-node; see --help)")]
    [InlineData(new[] { "replay" }, "error: 'replay' needs a scenario file or --data: replay <scenario.csv|scenario.hocon>")]
    [InlineData(new[] { "run", "--speed", "2" }, "error: unknown option '--speed' for 'run' (see 'run --help')")]
    [InlineData(new[] { "run", "--duration", "soon" },
        "error: --duration 'soon' is not a duration longer than zero and at most 30d, such as 200ms, 30s or 2m")]
    [InlineData(new[] { "run", "--config" }, "error: option '--config' needs a value")]
    [InlineData(new[] { "run", "--log-level", "loud" },
        "error: --log-level 'loud' is not one of verbose, debug, information, warning, error")]
    public async Task Bad_arguments_say_what_is_wrong(string[] args, string message) =>
        Assert.Equal(message, await FailsWith(args));

    [Fact]
    public async Task A_bad_input_leaves_an_earlier_trade_log_untouched()
    {
        var trades = RepoFiles.ScratchFile("trades.csv", "step,bot,side,asset,quantity,price,fee\n1,x,BUY,ALFA,1,10,0\n");
        await ReplayOf("step,asset,price\n0,ALFA,10\n1,ALFA,-1\n", "--trades", trades);
        Assert.Equal("step,bot,side,asset,quantity,price,fee\n1,x,BUY,ALFA,1,10,0\n", File.ReadAllText(trades));
        Assert.False(File.Exists(trades + ".partial"));
    }
}
