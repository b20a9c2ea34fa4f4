using System.Net.Http.Json;
using System.Text.Json;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// The BitMEX protocol's client side against a real server's <c>/realtime</c>: <c>quotes</c> prints its quotes, and a second server's
/// <c>bitmex</c> source takes the first server's prices.
/// </summary>
public sealed class BitmexProtocolTests
{
    private static async Task<TradingServer> StartAsync(string sources)
    {
        var config = TradingConfig.FromText($$"""
            akka-trading {
              persistence.provider = none
              sources = [ {{sources}} ]
              bots = [ { name = house, strategy = hamster, assets = [XBTUSD], initial-cash = 0 } ]
            }
            akka.loglevel = ERROR
            """, "bitmex-protocol-test.hocon");
        return await TradingServer.StartAsync(config.Settings, config.Config, urls: ["http://127.0.0.1:0"], grpcUrl: "http://127.0.0.1:0");
    }

    private static Uri Realtime(TradingServer server) =>
        new(server.Urls[0].Replace("http://", "ws://", StringComparison.Ordinal) + "/realtime");

    private const string Walk =
        "{ asset = XBTUSD, generator = random-walk, start-price = 43000, drift-percent = 0, volatility-percent = 1, seed = 5, " +
        "interval = 20ms }";

    [Fact]
    public async Task Quotes_prints_ten_fair_prices_from_serve()
    {
        await using var server = await StartAsync(Walk);

        var result = await AppRun.RunAsync("quotes", "--url", Realtime(server).ToString(), "--symbol", "XBTUSD", "--count", "10");

        Assert.True(result.ExitCode == 0, result.Error);
        var quotes = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, quotes.Length);
        Assert.All(quotes, q => Assert.InRange(decimal.Parse(q, System.Globalization.CultureInfo.InvariantCulture), 30_000m, 60_000m));
    }

    [Fact]
    public async Task A_bitmex_source_feeds_a_second_server_with_the_first_one_s_prices()
    {
        await using var upstream = await StartAsync(Walk);
        await using var downstream = await StartAsync(
            $"{{ asset = XBTUSD, generator = bitmex, url = \"{Realtime(upstream)}\", first-retry = 100ms }}");
        using var client = new HttpClient { BaseAddress = new Uri(downstream.Urls[0] + "/"), Timeout = TimeSpan.FromSeconds(30) };

        // the downstream's history is a run of the upstream's prices, in their order
        var waited = System.Diagnostics.Stopwatch.StartNew();
        decimal[] mirrored;
        do
        {
            await Task.Delay(50);
            mirrored = await History(client, 20);
        } while (mirrored.Length < 10 && waited.Elapsed < TimeSpan.FromSeconds(20));
        Assert.True(mirrored.Length >= 10, $"only {mirrored.Length} prices came through in 20 s");
        using var upstreamClient = new HttpClient { BaseAddress = new Uri(upstream.Urls[0] + "/") };
        var original = await History(upstreamClient, 1000);
        Assert.True(Enumerable.Range(0, original.Length).Any(at => original.Skip(at).Take(mirrored.Length).SequenceEqual(mirrored)),
            $"[{string.Join(", ", mirrored)}] is not a run of the upstream's prices");
    }

    private static async Task<decimal[]> History(HttpClient client, int count)
    {
        var history = await client.GetFromJsonAsync<JsonElement>($"api/v1/prices/XBTUSD/history?count={count}");
        return [.. history.GetProperty("prices").EnumerateArray().Select(p => p.GetDecimal())];
    }
}
