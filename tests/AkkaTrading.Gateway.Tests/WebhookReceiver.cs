using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AkkaTrading.Gateway.Tests;

/// <summary>
/// A bot's webhook receiver on a free loopback port, written as a receiver would be, independently of the server's code: it
/// verifies each delivery's Standard Webhooks signature with the secret and answers each attempt as the test tells it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public const int Hang = 0; // an answer: none until the sender gives up
    private readonly WebApplication _app;
    private int _attempts;

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }
    public string Secret { get; set; } = "";

    /// <summary>The status to answer the n-th attempt (1-based, over all deliveries); <see cref="Hang"/> for none.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    public int Attempts => Volatile.Read(ref _attempts);
    public int BadSignatures;

    /// <summary>The deliveries accepted (signature valid, answered 2xx), in arrival order.</summary>
    public ConcurrentQueue<Delivery> Accepted { get; } = new();

    public sealed record Delivery(string Id, string Timestamp, string Signature, string Body)
    {
        public JsonElement Envelope { get; } = JsonDocument.Parse(Body).RootElement.Clone();
        public long Seq => Envelope.GetProperty("seq").GetInt64();
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", (HttpContext context) => receiver!.ReceiveAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver = new WebhookReceiver(app, new Uri(address + "/hook"));
    }

    // sets the status itself: a handler of HttpContext returning Task<IResult> would be taken as a RequestDelegate and answer 200
    private async Task ReceiveAsync(HttpContext context)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        var delivery = new Delivery(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
            headers["webhook-signature"].ToString(), body);
        if (!Verify(Secret, delivery.Id, delivery.Timestamp, body, delivery.Signature))
        {
            Interlocked.Increment(ref BadSignatures);
            context.Response.StatusCode = 400;
            return;
        }
        var status = Answer(attempt);
        if (status == Hang)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
            context.Response.StatusCode = 503;
            return;
        }
        if (status is >= 200 and < 300) Accepted.Enqueue(delivery);
        context.Response.StatusCode = status;
    }

    /// <summary>What a receiver does: HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed by the secret's bytes; 5 minutes' skew.</summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatures)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300) return false;
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        return signatures.Split(' ').Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }

    /// <summary>Waits (bounded) until <paramref name="done"/> holds.</summary>
    public static async Task Until(Func<Task<bool>> done, string what, int seconds = 15, Func<Task<string>>? then = null)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(20))
            if (await done()) return;
        throw new TimeoutException("waited in vain for " + what + (then is null ? "" : ": " + await then()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
