using AkkaTrading.Tests.Shared;

namespace AkkaTrading.Console.Tests;

/// <summary><c>quotes</c> against a fake BitMEX server replaying recorded frames: its output, its errors and exit codes.</summary>
public sealed class QuotesTests
{
    [Fact]
    public async Task It_prints_the_first_values_of_the_field_one_per_line_and_exits_0()
    {
        await using var server = new FakeBitmexServer(BitmexRecording.ReplayAsync);

        var result = await AppRun.RunAsync("quotes", "--url", server.Url.ToString(), "--symbol", "XBTUSD", "--count", "3");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal("43211.02\n43212.5\n43209.75\n", result.Output.ReplaceLineEndings("\n"));
        var last = await AppRun.RunAsync("quotes", "--url", server.Url.ToString(), "--symbol", "XBTUSD", "--count", "1", "--field",
            "lastPrice");
        Assert.Equal("43210.5\n", last.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_server_that_closes_before_the_count_is_exit_4_with_a_clear_error()
    {
        await using var server = new FakeBitmexServer(async c =>
        {
            await c.ReceiveAsync();
            await c.SendAsync(BitmexRecording.Partial);
            await c.CloseAsync("going away");
        });

        var result = await AppRun.RunAsync("quotes", "--url", server.Url.ToString(), "--symbol", "XBTUSD", "--count", "2");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("43211.02\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Equal($"error: {server.Url} closed the connection: going away\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_refused_subscription_is_exit_4_saying_what_the_server_said()
    {
        await using var server = new FakeBitmexServer(BitmexRecording.RefuseAsync);

        var result = await AppRun.RunAsync("quotes", "--url", server.Url.ToString(), "--symbol", "NOPE");

        Assert.Equal(4, result.ExitCode);
        Assert.Equal($"error: {server.Url} refused the subscription to instrument:NOPE: Unknown or expired symbol.\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(new[] { "quotes", "--symbol", "XBTUSD" }, "error: quotes needs --url <ws://host:port/realtime>")]
    [InlineData(new[] { "quotes", "--url", "ws://127.0.0.1:9/realtime" }, "error: quotes needs --symbol <symbol>, e.g. XBTUSD")]
    [InlineData(new[] { "quotes", "--url", "http://127.0.0.1/realtime", "--symbol", "X" },
        "error: --url 'http://127.0.0.1/realtime' is not a ws:// or wss:// URL such as ws://127.0.0.1:5080/realtime")]
    [InlineData(new[] { "quotes", "--url", "ws://127.0.0.1:9/realtime", "--symbol", "X", "--count", "0" },
        "error: --count '0' is not a whole number from 1 to 1000000")]
    [InlineData(new[] { "quotes", "--url", "ws://127.0.0.1:9/realtime", "--symbol", "a b" },
        "error: --symbol 'a b' is not a name of at most 64 letters, digits, '-', '_' and '.'")]
    public async Task A_mistake_on_the_line_is_exit_2(string[] args, string message)
    {
        var result = await AppRun.RunAsync(args);
        Assert.Equal((2, message + "\n"), (result.ExitCode, result.Error.ReplaceLineEndings("\n")));
    }
}
