using System.Net.Http.Headers;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Grpc.V1;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace AkkaTrading.Gateway.Tests;

/// <summary>A real server on free loopback ports (HTTP, gRPC):
/// fast random-walk prices, two remote bots, the built-in bots off the assets' way.</summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AliceToken = "alice-token-0123456789", BobToken = "bob-token-0123456789abc";

    private TestServer(TradingServer server)
    {
        Server = server;
        BaseAddress = new Uri(server.Urls[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        Channel = GrpcChannel.ForAddress(server.GrpcUrl);
    }

    public TradingServer Server { get; }
    public Uri BaseAddress { get; }

    /// <summary>One HTTP/2 connection to the gRPC port, shared by the test's clients.</summary>
    public GrpcChannel Channel { get; }

    /// <param name="gateway">HOCON lines layered into <c>akka-trading.gateway</c></param>
    /// <param name="dataDir">keep the ledger in SQLite there (in memory when not given)</param>
    public static async Task<TestServer> StartAsync(string gateway = "", string interval = "20ms", string? dataDir = null)
    {
        var config = TradingConfig.FromText($$"""
            akka-trading {
              persistence { {{(dataDir is null ? "provider = none" : $"provider = sqlite, data-dir = \"{dataDir}\"")}} }
              sources = [
                { asset = ALFA, generator = random-walk, start-price = 100.00, drift-percent = 0, volatility-percent = 1, seed = 1,
                  interval = {{interval}} }
                { asset = BETA, generator = random-walk, start-price = 50.00, drift-percent = 0, volatility-percent = 1, seed = 2,
                  interval = {{interval}} }
              ]
              bots = [ { name = house, strategy = hamster, assets = [ALFA, BETA], initial-cash = 100000 } ]
              gateway {
                remote-bots = [
                  { name = alice, token = "{{AliceToken}}", initial-cash = 10000 }
                  { name = bob, token = "{{BobToken}}", initial-cash = 500 }
                ]
                {{gateway}}
              }
            }
            akka.loglevel = WARNING
            """, "test.hocon");
        return new TestServer(await TradingServer.StartAsync(config.Settings, config.Config, urls: ["http://127.0.0.1:0"],
            grpcUrl: "http://127.0.0.1:0"));
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A gRPC client that sends <c>authorization: Bearer TOKEN</c> on every call when given a token.</summary>
    public Exchange.ExchangeClient Grpc(string? token = null) => token is null ? new(Channel) : new(Channel.Intercept(metadata =>
    {
        metadata.Add("authorization", "Bearer " + token);
        return metadata;
    }));

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
