using AkkaTrading.Domain.Reporting;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>BitMEX's realtime WebSocket at <c>/realtime</c>: tables, their keys, and who may subscribe to them.</summary>
public static class BitmexRealtime
{
    public const string Path = "/realtime";

    public static readonly string[] PublicTables = ["instrument", "trade"];
    public static readonly string[] PrivateTables = ["execution", "margin", "order", "position"];

    /// <summary><c>GET /api/v1/schema/websocketHelp</c>: the official client reads its table names from here.</summary>
    public static readonly object Help = new
    {
        info = "See https://www.bitmex.com/app/wsAPI for the protocol; this simulator serves the tables listed here.",
        usage = "Send a message in the format: {\"op\": string, \"args\": Array<string>}",
        ops = new[] { "authKeyExpires", "subscribe", "unsubscribe" },
        subscribe = "To subscribe, send: {\"op\": \"subscribe\", \"args\": [subscriptionTopic, ...]}.",
        subscriptionSubjects = new { authenticationRequired = PrivateTables, @public = PublicTables },
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        // Map rather than MapGet: WebSockets over HTTP/2 arrive as CONNECT
        app.Map(Path, async (HttpContext context, BitmexKeys keys, BitmexViews views, InstrumentBook book, ExchangeClient exchange,
            GatewaySettings settings, IHostApplicationLifetime lifetime) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
                return Results.Text(BitmexJson.Serialize(new BitmexException(400, "This endpoint takes WebSocket connections only").Body),
                    "application/json", statusCode: 400);
            BitmexKey? key;
            try
            {
                key = UpgradeKey(context.Request, keys);
            }
            catch (BitmexException e)
            {
                return Results.Text(BitmexJson.Serialize(e.Body), "application/json", statusCode: e.Status); // refused before upgrading
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await using var session = new RealtimeSession(socket, key, keys, views, book, exchange, settings.MaxRequestBytes);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            await session.RunAsync(stop.Token);
            return Results.Empty;
        });
    }

    /// <summary>The key of <c>api-expires</c>, <c>api-key</c>, <c>api-signature</c> on the upgrade's query or headers, if any.</summary>
    private static BitmexKey? UpgradeKey(HttpRequest request, BitmexKeys keys)
    {
        string? Value(string name) => request.Query[name] is { Count: > 0 } q ? q.ToString()
            : request.Headers[name] is { Count: > 0 } h ? h.ToString() : null;
        var apiKey = Value("api-key");
        return apiKey is null ? null : keys.Verify(apiKey, Value("api-expires"), Value("api-signature"), "GET" + Path);
    }

    /// <summary>The key's account, valued at the last prices.</summary>
    public static async Task<BotSummary> SummaryAsync(ExchangeClient exchange, BitmexKey key, CancellationToken cancel) =>
        (await exchange.AccountAsync(key.Bot, cancel)).Summary ?? throw new BitmexException(404, $"Account not found: {key.Bot}");
}
