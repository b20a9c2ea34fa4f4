using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Gateway.Events;

namespace AkkaTrading.Benchmarks;

/// <summary>Orders/s: each bot sends its next market order as soon as the previous one is answered, for a fixed time.</summary>
public static class GatewayOrders
{
    public sealed record Result(double PerSecond, double P50Millis, double P99Millis, long Filled, long Rejected, long Errors);

    private static readonly string[] Assets = ["ALFA", "BETA", "GAMMA"];

    /// <summary>
    /// Order <paramref name="i"/> of a bot: buy 1, then sell it back, over the assets in turn, so cash and positions last.
    /// <paramref name="ids"/> makes the client order ids unique per bot and phase (a repeated id only answers the first outcome).
    /// </summary>
    public static string OrderJson(string ids, long i, bool op)
    {
        var (asset, side) = (Assets[i / 2 % Assets.Length], i % 2 == 0 ? "buy" : "sell");
        var order = $$"""{"asset":"{{asset}}","side":"{{side}}","quantity":1,"clientOrderId":"{{ids}}-{{i}}"}""";
        return op ? """{"op":"order",""" + order[1..] : order;
    }

    public static async Task<Result> WebSocketAsync(Uri ws, IReadOnlyList<(string Name, string Token)> bots, TimeSpan duration,
        string phase)
    {
        var latency = new LatencyHistogram();
        var counts = new long[3];
        var sockets = new List<ClientWebSocket>();
        try
        {
            foreach (var (_, token) in bots)
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
                sockets.Add(socket);
                using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await socket.ConnectAsync(ws, connect.Token);
            }
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(bots.Select((bot, b) =>
                WebSocketBotAsync(sockets[b], $"{bot.Name}-{phase}", watch, duration, latency, counts)));
            return Summary(latency, counts, watch.Elapsed);
        }
        finally
        {
            foreach (var socket in sockets) socket.Abort();
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    private static async Task WebSocketBotAsync(ClientWebSocket socket, string bot, Stopwatch watch, TimeSpan duration,
        LatencyHistogram latency, long[] counts)
    {
        using var timeout = new CancellationTokenSource(duration + TimeSpan.FromSeconds(15)); // an answer that never comes ends the bot
        var answer = new ArrayBufferWriter<byte>(512);
        for (long i = 0; watch.Elapsed < duration; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await socket.SendAsync(Encoding.UTF8.GetBytes(OrderJson(bot, i, op: true)), WebSocketMessageType.Text, true, timeout.Token);
            answer.ResetWrittenCount();
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(answer.GetMemory(512), timeout.Token);
                answer.Advance(received.Count);
            } while (!received.EndOfMessage);
            latency.AddTicks(Stopwatch.GetTimestamp() - start);
            if (received.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException($"{bot}: closed {socket.CloseStatusDescription}");
            Interlocked.Increment(ref counts[Status(answer.WrittenSpan)]);
        }
    }

    /// <summary>0 filled, 1 rejected, 2 anything else (an error, a 429).</summary>
    private static int Status(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var status = reader.ValueTextEquals("status"u8);
            reader.Read();
            if (status) return reader.ValueTextEquals("filled"u8) ? 0 : reader.ValueTextEquals("rejected"u8) ? 1 : 2;
            reader.Skip();
        }
        return 2;
    }

    public static async Task<Result> RestAsync(HttpClient http, IReadOnlyList<(string Name, string Token)> bots, TimeSpan duration,
        string phase)
    {
        var latency = new LatencyHistogram();
        var counts = new long[3];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(bots.Select(bot => RestBotAsync(http, $"{bot.Name}-{phase}", bot.Token, watch, duration, latency, counts)));
        return Summary(latency, counts, watch.Elapsed);
    }

    private static async Task RestBotAsync(HttpClient http, string bot, string token, Stopwatch watch, TimeSpan duration,
        LatencyHistogram latency, long[] counts)
    {
        var authorization = new AuthenticationHeaderValue("Bearer", token);
        for (long i = 0; watch.Elapsed < duration; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/orders")
            {
                Content = new StringContent(OrderJson(bot, i, op: false), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = authorization;
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            latency.AddTicks(Stopwatch.GetTimestamp() - start);
            var status = response.StatusCode switch { HttpStatusCode.OK => 0, HttpStatusCode.UnprocessableEntity => 1, _ => 2 };
            Interlocked.Increment(ref counts[status]);
        }
    }

    /// <summary>The same orders straight to the exchange actor (the gateway's Ask, no HTTP, no JSON): what the exchange allows.</summary>
    public static async Task<Result> ExchangeAloneAsync(ExchangeClient exchange, IReadOnlyList<(string Name, string Token)> bots,
        TimeSpan duration, string phase)
    {
        var latency = new LatencyHistogram();
        var counts = new long[3];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(bots.Select(bot => Task.Run(async () =>
        {
            for (long i = 0; watch.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var order = new Order(bot.Name, Assets[i / 2 % Assets.Length], i % 2 == 0 ? Side.Buy : Side.Sell, 1);
                var outcome = await exchange.SubmitAsync(order, $"{bot.Name}-{phase}-{i}", CancellationToken.None);
                latency.AddTicks(Stopwatch.GetTimestamp() - start);
                Interlocked.Increment(ref counts[outcome.Result.Fill is null ? 1 : 0]);
            }
        })));
        return Summary(latency, counts, watch.Elapsed);
    }

    private static Result Summary(LatencyHistogram latency, long[] counts, TimeSpan elapsed) =>
        new(latency.Count / elapsed.TotalSeconds, latency.QuantileMillis(0.5), latency.QuantileMillis(0.99),
            counts[0], counts[1], counts[2]);
}
