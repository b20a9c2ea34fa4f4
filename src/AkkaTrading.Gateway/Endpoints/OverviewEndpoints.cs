using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>
/// The public overview of every bot's standing, like a trading competition's leaderboard: cash, positions, equity and P/L, never
/// fills, rejections or client order ids. A deliberate exception to "a bot sees only its own account", switched by
/// <c>public-accounts</c>; the dashboard reads it.
/// </summary>
public static class OverviewEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/accounts", async (HttpRequest request, Callers callers, GatewaySettings settings, ExchangeClient exchange,
            CancellationToken cancel) =>
        {
            callers.Reader(request);
            if (!settings.PublicAccounts) return Results.Json(new ErrorMessage("forbidden",
                "the accounts overview is not public here (akka-trading.gateway.public-accounts = false)"),
                statusCode: StatusCodes.Status403Forbidden);
            // the newest seq before asking, so a client knows the overview includes at least the events up to it
            var seq = exchange.Hub.LastSeq;
            var snapshot = await exchange.SnapshotAsync(cancel);
            return Results.Ok(new AccountsMessage(seq, [.. snapshot.Bots.Select(AccountMessage.Of)]));
        });
    }
}
