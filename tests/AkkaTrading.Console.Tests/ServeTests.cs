using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace AkkaTrading.Console.Tests;

/// <summary><c>serve</c> as a user starts it: a real process on a free loopback port, a remote bot trading over REST, Ctrl+C for the
/// summary.</summary>
public sealed class ServeTests
{
    private const string Token = "alice-secret-token-123";

    [Fact]
    public async Task A_remote_bot_trades_on_a_served_exchange_and_ctrl_c_prints_the_summary()
    {
        if (!OperatingSystem.IsLinux()) return;
        var config = RepoFiles.ScratchFile("serve.hocon",
            $"akka-trading.gateway.remote-bots = [ {{ name = alice, token = \"{Token}\", initial-cash = 10000 }} ]\n");
        using var app = new AppProcess("serve", "--config", config, "--data-dir", RepoFiles.Scratch("ledger"),
            "--urls", "http://127.0.0.1:0", "--grpc-url", "http://127.0.0.1:0",
            "--plain");
        string line;
        while (!(line = await app.NextLine()).StartsWith("Serving on ", StringComparison.Ordinal)) { }
        var url = Regex.Match(line, @"http://127\.0\.0\.1:\d+").Value;
        var drained = Task.Run(async () =>
        {
            var rest = new List<string>();
            while (await app.Process.StandardOutput.ReadLineAsync() is { } l) rest.Add(l);
            return rest;
        });

        using var client = new HttpClient { BaseAddress = new Uri(url + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        HttpResponseMessage order;
        var attempts = 0;
        do order = await client.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side = "buy", quantity = 2, clientOrderId = "c-1" });
        while (order.StatusCode == HttpStatusCode.UnprocessableEntity && ++attempts < 100 && await Task.Delay(50).ContinueWith(_ => true));
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);

        Assert.True(app.Signal(2));
        var output = string.Join("\n", await drained.WaitAsync(TimeSpan.FromSeconds(60)));
        await app.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(app.Process.ExitCode == 0, $"exit {app.Process.ExitCode}: {await app.Errors}");
        Assert.Contains("BUY alice 2 ALFA @ ", output);
        Assert.Matches(@"== Summary after \d+ prices ==", output);
        Assert.Matches(@"\nalice\s+10,000\.00", output);
    }

    [Fact]
    public async Task A_bad_url_is_a_clear_error() =>
        Assert.Equal("error: --urls 'http://example.com' must be an http:// URL with an IP address (or localhost) and a port, such as " +
            "\"http://127.0.0.1:5080\", not 'http://example.com'",
                (await AppRun.RunAsync("serve", "--urls", "http://example.com")).Error.TrimEnd());
}

/// <summary>serve refuses addresses it cannot listen on before anything starts: no trading, one line, exit 2.</summary>
public sealed class ServeAddressTests
{
    [Fact]
    public async Task A_taken_port_a_port_given_twice_and_no_url_are_each_one_line_and_exit_2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var busy = await AppRun.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--grpc-url", "http://127.0.0.1:0");
        Assert.Equal(2, busy.ExitCode);
        Assert.StartsWith($"error: serve: cannot listen: http://127.0.0.1:{port}: ", busy.Error);
        Assert.Single(busy.Error.Trim().Split('\n'));
        Assert.DoesNotContain("Serving on", busy.Output);

        var twice = await AppRun.RunAsync("serve", "--urls", "http://127.0.0.1:45999", "--grpc-url", "http://127.0.0.1:45999");
        Assert.Equal((2, "error: serve: cannot listen: port 45999 is given twice (http://127.0.0.1:45999, http://127.0.0.1:45999)\n"),
            (twice.ExitCode, twice.Error.ReplaceLineEndings("\n")));

        var none = await AppRun.RunAsync("serve", "--urls", ";");
        Assert.Equal((2, "error: --urls names no URL; give one such as http://127.0.0.1:5080\n"),
            (none.ExitCode, none.Error.ReplaceLineEndings("\n")));
    }
}
