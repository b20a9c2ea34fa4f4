using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaTrading.Gateway.Tests;

/// <summary>A real server for the BitMEX dialect: an <c>XBTUSD</c> source beside ALFA, and alice with a BitMEX API key.</summary>
public sealed class BitmexServer : IAsyncDisposable
{
    public const string ApiKey = "alice-bitmex-key", ApiSecret = "alice-bitmex-secret-0123456789", AliceToken = "alice-token-0123456789";

    private BitmexServer(TradingServer server)
    {
        Server = server;
        BaseAddress = new Uri(server.Urls[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public TradingServer Server { get; }
    public Uri BaseAddress { get; }
    public Uri Realtime => new(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "realtime");

    public static async Task<BitmexServer> StartAsync(string cash = "10000", bool publicReads = true)
    {
        var config = TradingConfig.FromText($$"""
            akka-trading {
              persistence.provider = none
              sources = [
                { asset = XBTUSD, generator = random-walk, start-price = 100.00, drift-percent = 0, volatility-percent = 1, seed = 1,
                  interval = 20ms }
                { asset = ALFA, generator = random-walk, start-price = 50.00, drift-percent = 0, volatility-percent = 1, seed = 2,
                  interval = 20ms }
              ]
              bots = [ { name = house, strategy = hamster, assets = [ALFA], initial-cash = 100000 } ]
              gateway.public-reads = {{(publicReads ? "true" : "false")}}
              gateway.remote-bots = [
                { name = alice, token = "{{AliceToken}}", initial-cash = {{cash}}, api-key = "{{ApiKey}}", api-secret = "{{ApiSecret}}" }
              ]
            }
            akka.loglevel = WARNING
            """, "bitmex-test.hocon");
        var server = new BitmexServer(await TradingServer.StartAsync(config.Settings, config.Config, urls: ["http://127.0.0.1:0"],
            grpcUrl: "http://127.0.0.1:0"));
        // an order before the first price would be refused (no price yet): tests start once every asset has one
        var hub = server.Server.Services.GetRequiredService<EventHub>();
        for (var waited = 0; hub.Prices.Count < 2 && waited < 10_000; waited += 20) await Task.Delay(20);
        return server;
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static string Sign(string secret, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));

    /// <summary>A request signed as BitMEX clients sign: HMAC(secret, VERB + path with query + expires + body).</summary>
    public static HttpRequestMessage Signed(HttpMethod method, string pathAndQuery, string? json = null, long? expires = null,
        string secret = ApiSecret, string key = ApiKey)
    {
        var stamp = (expires ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (json is not null) message.Content = new StringContent(json, Encoding.UTF8, "application/json");
        message.Headers.Add("api-key", key);
        message.Headers.Add("api-expires", stamp);
        message.Headers.Add("api-signature", Sign(secret, method.Method + pathAndQuery + stamp + (json ?? "")));
        return message;
    }

    public async Task<ClientWebSocket> ConnectAsync(string query = "")
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(Realtime + query), CancellationToken.None);
        return socket;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Reads a BitMEX socket's messages one by one, as text (<c>pong</c>) or JSON.</summary>
public static class BitmexSocket
{
    public static Task SendAsync(this ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public static async Task<string> ReceiveTextAsync(this ClientWebSocket socket, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, cancel.Token);
            if (read.MessageType == WebSocketMessageType.Close) return "(closed)";
            message.Write(buffer, 0, read.Count);
            if (read.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    public static async Task<JsonElement> ReceiveJsonAsync(this ClientWebSocket socket) =>
        JsonDocument.Parse(await socket.ReceiveTextAsync()).RootElement.Clone();

    /// <summary>The next message that matches, skipping others (e.g. instrument updates while waiting for a position).</summary>
    public static async Task<JsonElement> ReceiveUntilAsync(this ClientWebSocket socket, Func<JsonElement, bool> match)
    {
        for (var i = 0; i < 1000; i++)
        {
            var message = await socket.ReceiveJsonAsync();
            if (match(message)) return message;
        }
        throw new TimeoutException("no matching message in 1000");
    }

    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() : null;
}
