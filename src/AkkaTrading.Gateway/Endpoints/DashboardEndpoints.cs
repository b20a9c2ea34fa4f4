using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>
/// The dashboard at <c>/</c>: static files embedded in this assembly (<c>wwwroot</c>), so the page ships with the app and needs no
/// build step; it reads the public API like any other client.
/// </summary>
public static class DashboardEndpoints
{
    private const string Prefix = "wwwroot/";

    // nothing from elsewhere: the page works offline and a trade's text cannot load a script
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'";

    private sealed record StaticFile(byte[] Content, string ContentType, string ETag);

    public static void Map(IEndpointRouteBuilder app)
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            var file = Load(assembly, resource);
            app.MapGet(name == "index.html" ? "/" : "/" + name,
                (HttpRequest request, HttpResponse response) => Serve(file, request, response));
        }
    }

    private static StaticFile Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return new StaticFile(content, ContentType(resource), $"\"{Convert.ToHexString(SHA256.HashData(content))[..16]}\"");
    }

    private static IResult Serve(StaticFile file, HttpRequest request, HttpResponse response)
    {
        // revalidated on every load (cheap: 304), so a new version of the server is never shown with an old page
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = file.ETag;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = Policy;
        if (request.Headers.IfNoneMatch.Contains(file.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(file.Content, file.ContentType);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
