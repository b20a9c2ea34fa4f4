using System.Security.Cryptography;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.Extensions.Hosting;

namespace AkkaTrading.Gateway.Webhooks;

/// <summary>
/// The webhooks registered while the server runs (in memory: they go when it stops), each with its delivery loop.
/// A bot sees and changes only its own. The loops stop as soon as the application begins to stop, before the exchange does.
/// </summary>
public sealed class WebhookRegistry(WebhookSettings settings, WebhookDelivery delivery, EventHub hub, IHostApplicationLifetime lifetime)
    : IHostedService
{
    public const int MaxPerBot = 10;
    private readonly object _lock = new();
    private readonly Dictionary<string, (WebhookEndpoint Endpoint, Task Loop)> _webhooks = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];

    /// <summary>Registers a webhook of <paramref name="bot"/>; it is sent the events that come after this moment.</summary>
    public async Task<WebhookEndpoint> AddAsync(string bot, WebhookRequest request, CancellationToken cancel)
    {
        var topics = TopicNames.Parse(request.Topics, Topics.Fills);
        if (topics.HasFlag(Topics.Prices))
            throw new BadRequestException("topics", "may be fills and trades; prices are too many for webhooks (stream them over SSE)");
        var url = await WebhookUrls.CheckAsync(request.Url, settings.AllowAnyHost, cancel);
        var endpoint = new WebhookEndpoint("wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), bot, url, topics,
            WebhookSignature.NewSecret(), hub.LastSeq);
        lock (_lock)
        {
            if (_webhooks.Values.Count(w => w.Endpoint.Bot == bot) >= MaxPerBot)
                throw new BadRequestException("webhooks", $"are at most {MaxPerBot} per bot; delete one first");
            if (lifetime.ApplicationStopping.IsCancellationRequested) endpoint.Stop.Cancel();
            var loop = Task.Run(() => delivery.RunAsync(endpoint), CancellationToken.None);
            _webhooks.Add(endpoint.Id, (endpoint, loop));
            _loops.Add(loop);
        }
        return endpoint;
    }

    public IReadOnlyList<WebhookEndpoint> Of(string bot)
    {
        lock (_lock) return [.. _webhooks.Values.Select(w => w.Endpoint).Where(e => e.Bot == bot)];
    }

    /// <summary>The webhook if it is <paramref name="bot"/>'s; another bot's is as unknown as one that never was.</summary>
    public WebhookEndpoint? Find(string bot, string id)
    {
        lock (_lock) return _webhooks.TryGetValue(id, out var w) && w.Endpoint.Bot == bot ? w.Endpoint : null;
    }

    public bool Remove(string bot, string id)
    {
        lock (_lock)
        {
            if (!_webhooks.TryGetValue(id, out var w) || w.Endpoint.Bot != bot) return false;
            _webhooks.Remove(id);
            _loops.RemoveAll(l => l.IsCompleted);
            w.Endpoint.Stop.Cancel();
            return true;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(StopAll);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        StopAll();
        Task[] loops;
        lock (_lock) loops = [.. _loops];
        await Task.WhenAll(loops).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void StopAll()
    {
        lock (_lock)
            foreach (var (endpoint, _) in _webhooks.Values) endpoint.Stop.Cancel();
    }
}
