using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>
/// A REST request in BitMEX's terms: its parameters from the query and the body (JSON or a form, as clients send them) and the
/// key that signed it. The signature covers the request target exactly as sent, so it is checked against the raw target and body.
/// </summary>
public sealed class BitmexRequest
{
    private readonly Dictionary<string, string?> _params = new(StringComparer.Ordinal);

    private BitmexRequest(BitmexKey? key) => Key = key;

    /// <summary>The signing key; null for an unsigned public request.</summary>
    public BitmexKey? Key { get; }

    public BitmexKey RequireKey() => Key ?? throw new BitmexException(401, "Not logged in: sign the request with api-key, "
        + "api-expires and api-signature.");

    public string? this[string name] => _params.GetValueOrDefault(name);

    public bool Has(string name) => _params.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);

    /// <summary>Reads and checks a request: a signature, when there is one (always on private paths), must be valid.</summary>
    public static async Task<BitmexRequest> ReadAsync(HttpContext context, BitmexKeys keys, bool signed)
    {
        var request = context.Request;
        var body = "";
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        BitmexKey? key = null;
        var apiKey = request.Headers["api-key"].ToString();
        if (signed || apiKey.Length > 0 || !keys.PublicReads)
        {
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
            key = keys.Verify(apiKey, request.Headers["api-expires"], request.Headers["api-signature"], request.Method + target, body);
        }
        var result = new BitmexRequest(key);
        foreach (var (name, value) in request.Query) result._params[name] = value.ToString();
        if (body.Length > 0) result.ReadBody(body, request.ContentType);
        return result;
    }

    private void ReadBody(string body, string? contentType)
    {
        if (contentType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true || !body.TrimStart().StartsWith('{'))
        {
            foreach (var (name, value) in QueryHelpers.ParseQuery(body)) _params[name] = value.ToString();
            return;
        }
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var property in json.RootElement.EnumerateObject())
                _params[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
        }
        catch (JsonException e)
        {
            throw new BitmexException(400, "Invalid JSON body: " + e.Message);
        }
    }
}
