namespace AkkaTrading.Console.Tests;

public sealed class LiveRunTests
{
    [Fact]
    public async Task A_short_live_run_trades_and_ends_with_a_summary()
    {
        var config = RepoFiles.ScratchFile("fast.hocon", """
            akka-trading.sources = [
              { asset = ALFA, generator = random-walk, start-price = 100, drift-percent = 0, volatility-percent = 2, seed = 1, interval = 5ms }
              { asset = BETA, generator = random-walk, start-price = 50, drift-percent = 0, volatility-percent = 2, seed = 2, interval = 5ms }
              { asset = GAMMA, generator = random-walk, start-price = 250, drift-percent = 0, volatility-percent = 2, seed = 3, interval = 5ms }
            ]
            """);
        var result = await AppRun.RunAsync("run", "--duration", "500ms", "--config", config, "--log-level", "error");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Live run for 0.5s", result.Output);
        Assert.Matches(@"== Summary after \d+ prices ==", result.Output);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(result.Output, @"hamster\s+[\d,.]+\s+[\d,.]+\s+[+-][\d,.]+\s+[+-][\d,.]+%\s+[1-9]"), result.Output); // the hamster buys on first sight
        Assert.Contains("investor", result.Output);
    }
}
