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

    /// <summary>A new secret token for a bot that registers while the server runs, and its hash (what the ledger keeps).</summary>
    public static (string Token, string Hash) NewToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    /// <summary>Lets the token of this hash authenticate <paramref name="bot"/> (registered now, or before a restart).</summary>
    public void Accept(string hash, string bot) => _botByHash[hash] = bot;

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
