using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using AkkaTrading.Tests.Shared;

namespace AkkaTrading.Console.Tests;

/// <summary>The example bots in <c>examples/</c> as a user runs them: <c>serve</c> and the bot as real processes; the bot prints
/// its fills and the server's account has them; a bot without the cash for its orders prints the rejections and keeps going.</summary>
public sealed class ExampleBotTests
{
    private const string RichToken = "rich-example-token-0123", PoorToken = "poor-example-token-0123";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task The_python_example_trades_over_sse_and_rest_and_survives_its_rejections()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "runs serve as a process the way the README shows, on Linux");
        var python = ExternalTools.Python("http.client", "python3");
        var script = Path.Combine(RepoFiles.Root, "examples", "python", "bot.py");
        await TradesAndSurvivesRejections(token => new ExampleProcess(python, ["-u", script, .. Arguments(token)], Token(token)));
    }

    [SkippableFact]
    public async Task The_node_example_trades_over_websocket_and_survives_its_rejections()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "runs serve as a process the way the README shows, on Linux");
        // the version examples/node/package.json pins, installed once into the tests' cache
        var modules = Path.Combine(ExternalTools.NodeModules(), "node_modules");
        var script = Path.Combine(RepoFiles.Root, "examples", "node", "bot.js");
        await TradesAndSurvivesRejections(token => new ExampleProcess("node", [script, .. Arguments(token)],
            new Dictionary<string, string>(Token(token)) { ["NODE_PATH"] = modules }));
    }

    private string _url = "";

    private string[] Arguments(string token) => ["--url", _url, "--asset", "ALFA", "--falls", "1", "--quantity", "3"];

    private static Dictionary<string, string> Token(string token) => new() { ["AKKA_TRADING_TOKEN"] = token };

    private async Task TradesAndSurvivesRejections(Func<string, ExampleProcess> start)
    {
        var config = RepoFiles.ScratchFile("serve.hocon", $$"""
            akka-trading.gateway.remote-bots = [
              { name = rich, token = "{{RichToken}}", initial-cash = 100000 }
              { name = poor, token = "{{PoorToken}}", initial-cash = 1 }
            ]
            """);
        using var server = new AppProcess("serve", "--config", config, "--data-dir", RepoFiles.Scratch("ledger"),
            "--urls", "http://127.0.0.1:0", "--grpc-url", "http://127.0.0.1:0",
            "--plain");
        string line;
        while (!(line = await server.NextLine()).StartsWith("Serving on ", StringComparison.Ordinal)) { }
        _url = Regex.Match(line, @"http://127\.0\.0\.1:\d+").Value;
        _ = Task.Run(async () => { while (await server.Process.StandardOutput.ReadLineAsync() is not null) { } }); // never blocks it

        using var rich = start(RichToken);
        using var poor = start(PoorToken);
        var fill = await rich.WaitForLine(l => l.StartsWith("FILL buy 3 ALFA @ ", StringComparison.Ordinal), Patience);
        var rejection = await poor.WaitForLine(l => l.StartsWith("REJECTED ", StringComparison.Ordinal), Patience);
        Assert.Contains("insufficient_cash", rejection);
        Assert.False(poor.Process.HasExited, poor.Output);

        // the fill the bot printed is the server's: its trade by that bot at that seq, and the account holds it
        var seq = long.Parse(Regex.Match(fill, @"\(seq (\d+),").Groups[1].Value);
        using var client = new HttpClient { BaseAddress = new Uri(_url + "/") };
        var trades = JsonDocument.Parse(await client.GetStringAsync($"api/v1/trades?after={seq - 1}&limit=1")).RootElement;
        var trade = Assert.Single(trades.GetProperty("trades").EnumerateArray());
        var data = trade.GetProperty("data");
        Assert.Equal((seq, "rich", "buy", 3m), (trade.GetProperty("seq").GetInt64(), data.GetProperty("bot").GetString(),
            data.GetProperty("side").GetString(), data.GetProperty("quantity").GetDecimal()));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", RichToken);
        var account = JsonDocument.Parse(await client.GetStringAsync("api/v1/account")).RootElement;
        Assert.True(account.GetProperty("trades").GetInt64() >= 1, account.ToString());
    }
}
