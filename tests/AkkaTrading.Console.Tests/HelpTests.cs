namespace AkkaTrading.Console.Tests;

public sealed class HelpTests
{
    [Theory]
    [InlineData(new[] { "--help" },
        new[] { "run", "replay", "serve", "quotes", "--config", "--log-level", "--log-file", "--report", "--force" })]
    [InlineData(new[] { "run", "--help" }, new[] { "--duration", "--config", "--log-level", "--log-file", "--report", "--force" })]
    [InlineData(new[] { "replay", "-h" },
        new[] { "<scenario.csv|scenario.hocon>", "--trades", "--config", "--log-level", "--log-file", "--report", "--force" })]
    [InlineData(new[] { "quotes", "--help" }, new[] { "--url", "--symbol", "--count", "--field", "ping", "exit code 4" })]
    public async Task Help_explains_every_option(string[] args, string[] mentions)
    {
        var result = await AppRun.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        foreach (var mention in mentions) Assert.Contains(mention, result.Output);
    }
}
