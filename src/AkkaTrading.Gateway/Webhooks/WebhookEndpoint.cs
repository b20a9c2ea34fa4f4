using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Webhooks;

/// <summary>
/// One bot's registered webhook and how its delivery goes. Its delivery loop writes the status, requests read it:
/// every change happens under one lock and is read as a whole.
/// </summary>
public sealed class WebhookEndpoint(string id, string bot, Uri url, Topics topics, string secret, long after)
{
    private readonly object _lock = new();
    private WebhookStatusMessage _status = new("active", 0, after, 0, null, null);

    public string Id { get; } = id;
    public string Bot { get; } = bot;
    public Uri Url { get; } = url;
    public Topics Topics { get; } = topics;
    public string Secret { get; } = secret;

    /// <summary>Cancelled when the webhook is deleted or the server stops: its delivery loop ends.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public WebhookStatusMessage Status
    {
        get { lock (_lock) return _status; }
    }

    public WebhookMessage Message(bool withSecret) => new(Id, Url.ToString(), TopicList(Topics), withSecret ? Secret : null, Status);

    internal void Delivered(long seq, DateTimeOffset at) =>
        Update(s => s with { Delivered = s.Delivered + 1, LastSeq = seq, FailuresInARow = 0, LastAttempt = at });

    internal void Failed(string error, DateTimeOffset at) =>
        Update(s => s with { FailuresInARow = s.FailuresInARow + 1, LastError = error, LastAttempt = at });

    internal void Disable(string reason) => Update(s => s with { State = "disabled", LastError = reason });

    private void Update(Func<WebhookStatusMessage, WebhookStatusMessage> change)
    {
        lock (_lock) _status = change(_status);
    }

    private static List<string> TopicList(Topics topics) =>
        [.. new[] { (Topics.Trades, "trades"), (Topics.Fills, "fills") }.Where(t => topics.HasFlag(t.Item1)).Select(t => t.Item2)];
}
