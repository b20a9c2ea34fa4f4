namespace AkkaTrading.Console.Tests;

/// <summary>Whole replays of the shipped scenarios, end to end through the console app.</summary>
public sealed class ReplayTests
{
    public static TheoryData<string, string?, string> Shipped => new()
    {
        { "dip-and-recovery.hocon", null, "dip-and-recovery.trades.csv" },
        { "crash.hocon", null, "crash.trades.csv" },
        { "slow-grind-up.hocon", null, "slow-grind-up.trades.csv" },
        { "mixed.csv", null, "mixed.trades.csv" },
        { "mixed.csv", "several-bots.hocon", "mixed.several-bots.trades.csv" },
        { "crash.hocon", "several-bots.hocon", "crash.several-bots.trades.csv" },
    };

    [Theory]
    [MemberData(nameof(Shipped))]
    public async Task A_shipped_scenario_gives_its_golden_trade_log(string scenario, string? config, string golden)
    {
        var trades = await AppRun.ReplayTradesAsync(RepoFiles.Scenario(scenario), config is null ? null : RepoFiles.Hocon(config));
        if (Environment.GetEnvironmentVariable("AKKA_TRADING_UPDATE_GOLDEN") == "1") File.WriteAllText(RepoFiles.Golden(golden), trades);
        Assert.Equal(File.ReadAllText(RepoFiles.Golden(golden)), trades);
    }

    [Fact]
    public async Task The_same_replay_twice_gives_byte_identical_trades()
    {
        var scenario = RepoFiles.Scenario("mixed.csv");
        var config = RepoFiles.Hocon("several-bots.hocon");
        var first = await AppRun.ReplayTradesAsync(scenario, config);
        var second = await AppRun.ReplayTradesAsync(scenario, config);
        Assert.Equal(first, second);
        Assert.True(first.Split('\n').Length > 20, "the scenario should trade often enough to be a test");
    }

    [Fact]
    public async Task A_replay_prints_a_summary_per_bot_and_writes_the_trade_log_header()
    {
        var trades = RepoFiles.Scratch("t.csv");
        var result = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--trades", trades, "--log-level", "error");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Summary of crash.hocon: 47 steps, 141 prices, 12 trades", result.Output);
        Assert.Matches(@"investor\s+10,000\.00\s+7,060\.00\s+10,000\.00\s+\+0\.00", result.Output);
        Assert.Contains("hamster", result.Output);
        Assert.StartsWith("step,bot,side,asset,quantity,price", File.ReadAllText(trades));
        // The hamster's round trips: 5 of each asset bought at 100, 50 and 250, all sold at the crash 30% lower: -530 in 3 trips.
        Assert.Contains("round trips 3 (0 won, 3 lost, win rate 0.0%), average win +0.00, average loss -176.67", result.Output);
        Assert.Matches(@"ALFA\s+100\.00\s+73\.50\s+73\.50\s+105\.00\s+-26\.50%", result.Output);
    }

    [Fact]
    public async Task Every_transaction_line_reaches_the_log_file_before_the_run_ends()
    {
        var log = RepoFiles.Scratch("run.log");
        var result = await AppRun.RunAsync("replay", RepoFiles.Scenario("mixed.csv"), "--config", RepoFiles.Hocon("several-bots.hocon"),
            "--log-file", log, "--plain");
        Assert.Equal(0, result.ExitCode);
        var trades = File.ReadAllLines(RepoFiles.Golden("mixed.several-bots.trades.csv")).Length - 1;
        Assert.Equal(trades, File.ReadLines(log).Count(l => l.Contains("[INF] BUY ") || l.Contains("[INF] SELL ")));
        Assert.Contains(File.ReadLines(log), l => l.Contains("SourceContext: \"AkkaTrading.Exchange\""));
    }
}
