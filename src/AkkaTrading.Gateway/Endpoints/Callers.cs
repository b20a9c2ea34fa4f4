using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Auth;
using Microsoft.AspNetCore.Http;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>No token or an unknown one where a bot must be known: answered 401.</summary>
public sealed class UnauthorizedException() : Exception("a valid token is required: 'Authorization: Bearer <token>'");

/// <summary>Who may do what: a bot's own account, orders and fills need its token; public reads may not (configurable).</summary>
public sealed class Callers(BotTokens tokens, GatewaySettings settings)
{
    public BotTokens Tokens { get; } = tokens;

    /// <summary>The authenticated bot, or 401.</summary>
    public string Bot(HttpRequest request) => Tokens.Authenticate(request) ?? throw new UnauthorizedException();

    /// <summary>The bot if the request carries a valid token; null for an anonymous reader where reads are public, else 401.</summary>
    public string? Reader(HttpRequest request)
    {
        var bot = Tokens.Authenticate(request);
        if (bot is null && (!settings.PublicReads || request.Headers.Authorization.Count > 0)) throw new UnauthorizedException();
        return bot;
    }
}
