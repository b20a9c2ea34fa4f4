using System.Net;
using System.Net.Sockets;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Webhooks;

/// <summary>
/// Where webhooks may go: http(s) only, and loopback only unless <c>allow-any-host</c>, checked when one is registered and again
/// on every connection (a name may resolve elsewhere later), so a webhook cannot make the server call into its network.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2000;

    /// <summary>The URL to deliver to, or a 400 naming <c>url</c>.</summary>
    public static async Task<Uri> CheckAsync(string? url, bool allowAnyHost, CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(url)) throw new BadRequestException("url", "is required, such as \"http://127.0.0.1:9000/hook\"");
        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new BadRequestException("url", $"'{TopicNames.Excerpt(url)}' is not an http or https URL");
        if (uri.UserInfo.Length > 0) throw new BadRequestException("url", "must not carry a user name or password");
        if (allowAnyHost) return uri;
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancel);
        }
        catch (SocketException)
        {
            throw new BadRequestException("url", $"has a host that does not resolve: '{TopicNames.Excerpt(uri.Host)}'");
        }
        if (addresses.Length == 0 || !addresses.All(IPAddress.IsLoopback))
            throw new BadRequestException("url", $"must be a loopback address; '{TopicNames.Excerpt(uri.Host)}' is not");
        return uri;
    }

    /// <summary>The handler all deliveries share: no redirects (they could lead anywhere), no cookies, loopback-only connections.</summary>
    public static SocketsHttpHandler Handler(bool allowAnyHost)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (!allowAnyHost) handler.ConnectCallback = ConnectToLoopbackAsync;
        return handler;
    }

    private static async ValueTask<Stream> ConnectToLoopbackAsync(SocketsHttpConnectionContext context, CancellationToken cancel)
    {
        var host = context.DnsEndPoint.Host;
        var loopback = (await ResolveAsync(host, cancel)).Where(IPAddress.IsLoopback).ToList();
        if (loopback.Count == 0) throw new HttpRequestException($"'{host}' does not resolve to a loopback address any more");
        SocketException? last = null;
        foreach (var address in loopback)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancel) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) ? [address] : await Dns.GetHostAddressesAsync(host, cancel);
}
