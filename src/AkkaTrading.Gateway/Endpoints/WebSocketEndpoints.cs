using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>The WebSocket transport (<c>/ws</c>): events and orders both ways on one connection.</summary>
public static class WebSocketEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // Map rather than MapGet: WebSockets over HTTP/2 arrive as CONNECT
        api.Map("/ws", async (HttpContext context, Callers callers, ExchangeClient exchange, OrderDesk desk, GatewaySettings settings,
            IHostApplicationLifetime lifetime) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
                return Results.BadRequest(new ErrorMessage("bad_request", "this endpoint takes WebSocket connections only"));
            // a token on the upgrade must be valid (401 before upgrading); without one the client may send {"op":"auth"} later
            var bot = context.Request.Headers.Authorization.Count > 0 ? callers.Bot(context.Request) : null;
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var session = new WebSocketSession(socket, bot, exchange, desk, callers, settings, context.RequestAborted);
            await session.RunAsync(lifetime.ApplicationStopping);
            return Results.Empty;
        });
    }
}
