using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AkkaTrading.Engine.Bots;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>A BitMEX API key's bot: the exchange acts on <see cref="Bot"/>; <see cref="Account"/> is the number BitMEX rows
/// carry.</summary>
public sealed record BitmexKey(string Bot, long Account, string Secret);

/// <summary>
/// The BitMEX dialect's credentials: the remote bots' <c>api-key</c>/<c>api-secret</c>. A request or a socket proves its key with
/// hex HMAC-SHA256(secret, VERB + path + expires + body), valid until <c>expires</c> (Unix seconds, or milliseconds as some
/// clients send).
/// </summary>
public sealed class BitmexKeys
{
    /// <summary>How far in the past <c>expires</c> may lie: ccxt signs its socket login with the current time, not a later one.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, BitmexKey> _byKey = new(StringComparer.Ordinal);

    /// <summary>Whether public data (instruments, trades) may be read without a key, as on the native API.</summary>
    public bool PublicReads { get; }
    private readonly TimeProvider _time;

    /// <param name="publicReads">whether instruments and trades may be read without a key (<c>gateway.public-reads</c>)</param>
    public BitmexKeys(IEnumerable<RemoteBotSettings> bots, TimeProvider time, bool publicReads = true)
    {
        _time = time;
        PublicReads = publicReads;
        var account = 0L;
        foreach (var bot in bots)
        {
            account++; // the bot's place in the configuration: a stable number, as BitMEX accounts are
            if (bot.ApiKey is { } key && bot.ApiSecret is { } secret) _byKey[key] = new BitmexKey(bot.Name, account, secret);
        }
    }

    public bool Any => _byKey.Count > 0;

    /// <summary>The key's bot when <paramref name="signature"/> signs <paramref name="verbAndPath"/> + expires + <paramref name="body"/>;
    /// else a <see cref="BitmexException"/> with BitMEX's message.</summary>
    public BitmexKey Verify(string? apiKey, string? expires, string? signature, string verbAndPath, string body = "")
    {
        if (string.IsNullOrEmpty(apiKey) || !_byKey.TryGetValue(apiKey, out var key))
            throw new BitmexException(401, "Invalid API Key.");
        if (!long.TryParse(expires, NumberStyles.Integer, CultureInfo.InvariantCulture, out var stamp))
            throw new BitmexException(400, "Invalid or missing api-expires: it must be a Unix time in seconds or milliseconds.");
        var now = _time.GetUtcNow();
        // a value this large cannot be seconds (it would be after the year 5000): it is milliseconds
        var until = stamp > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(stamp, 253_402_300_799_000L))
            : DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(stamp, -62_135_596_800L, 253_402_300_799L));
        if (until + Grace < now)
            throw new BitmexException(401, $"This request has expired - `expires` is in the past. Current time: {now.ToUnixTimeSeconds()}");
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key.Secret), Encoding.UTF8.GetBytes(verbAndPath + expires + body));
        if (!TryHex(signature, out var given) || !CryptographicOperations.FixedTimeEquals(expected, given))
            throw new BitmexException(401, "Signature not valid.");
        return key;
    }

    private static bool TryHex(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length != 64) return false;
        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>An answer in BitMEX's error shape, <c>{"error":{"message":…,"name":…}}</c>, with the messages its clients map.</summary>
public sealed class BitmexException(int status, string message, string name = "HTTPError", TimeSpan? retryAfter = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Name { get; } = name;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public object Body => new { error = new { message = Message, name = Name } };
}
