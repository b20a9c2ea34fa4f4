using System.Security.Cryptography;
using System.Text;
using AkkaTrading.Engine.Bots;
using Microsoft.AspNetCore.Http;

namespace AkkaTrading.Gateway.Auth;

/// <summary>
/// Who a request comes from: the remote bot whose token it carries (<c>Authorization: Bearer TOKEN</c>). Tokens are
/// looked up by their SHA-256 hash, so the lookup's timing tells nothing about a token.
/// </summary>
public sealed class BotTokens
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _botByHash = new(StringComparer.Ordinal);

    public BotTokens(IEnumerable<RemoteBotSettings> bots)
    {
        foreach (var bot in bots) _botByHash[Hash(bot.Token)] = bot.Name;
    }

    /// <summary>A new secret token for <paramref name="bot"/>, which a bot registered while the server runs authenticates with.</summary>
    public string Issue(string bot)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _botByHash[Hash(token)] = bot;
        return token;
    }

    /// <summary>The bot a token belongs to, or null.</summary>
    public string? BotOf(string? token) => string.IsNullOrEmpty(token) ? null : _botByHash.GetValueOrDefault(Hash(token));

    /// <summary>The bot of the request's bearer token, or null when there is none or it is unknown.</summary>
    public string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BotOf(header["Bearer ".Length..].Trim()) : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
