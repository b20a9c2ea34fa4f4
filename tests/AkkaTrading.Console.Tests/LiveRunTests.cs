namespace AkkaTrading.Console.Tests;

public sealed class LiveRunTests
{
    [Fact]
    public async Task A_short_live_run_ends_by_itself_with_a_summary_per_bot()
    {
        var config = RepoFiles.ScratchFile("fast.hocon", """
            akka-trading.sources = [
              { asset = ALFA, generator = random-walk, start-price = 100, drift-percent = 0, volatility-percent = 2, seed = 1, interval = 5ms }
              { asset = BETA, generator = random-walk, start-price = 50, drift-percent = 0, volatility-percent = 2, seed = 2, interval = 5ms }
              { asset = GAMMA, generator = random-walk, start-price = 250, drift-percent = 0, volatility-percent = 2, seed = 3, interval = 5ms }
            ]
            """);
        var result = await AppRun.RunAsync("run", "--duration", "1s", "--config", config, "--log-level", "error");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Live run for 1s", result.Output);
        Assert.Matches(@"== Summary after \d+ prices ==", result.Output);
        // How many prices arrive in a second depends on the machine's load; trading on them is covered by the actor tests.
        foreach (var bot in new[] { "investor", "hamster" })
            Assert.Matches(bot + @"\s+10,000\.00\s+[\d,.]+\s+[\d,.]+\s+[+-][\d,.]+\s+[+-][\d,.]+%\s+\d+\s+[\d,.]+", result.Output);
        Assert.Contains("buy & hold", result.Output);
    }
}
