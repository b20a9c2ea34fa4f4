using System.Security.Cryptography;
using System.Text;

namespace AkkaTrading.Gateway.Webhooks;

/// <summary>
/// Standard Webhooks signing: secrets <c>whsec_&lt;base64&gt;</c>, signed <c>v1,&lt;base64 HMAC-SHA256(key, "{id}.{ts}.{body}")&gt;</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes (the spec asks for 24 to 64).</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header's value for one message.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..]
            : secret);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
