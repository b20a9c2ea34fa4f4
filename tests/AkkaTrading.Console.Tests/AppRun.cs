namespace AkkaTrading.Console.Tests;

public sealed record AppResult(int ExitCode, string Output, string Error);

public static class AppRun
{
    public static async Task<AppResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await App.RunAsync(args, output, error);
        return new AppResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Replays quietly and returns the trade log's text.</summary>
    public static async Task<string> ReplayTradesAsync(string scenario, string? config = null)
    {
        var trades = RepoFiles.Scratch("trades.csv");
        string[] args = ["replay", scenario, "--trades", trades, "--log-level", "error",
            .. config is null ? Array.Empty<string>() : ["--config", config]];
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        return File.ReadAllText(trades);
    }
}
