using System.Globalization;
using System.Text;
using System.Text.Json;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Webhooks;

/// <summary>
/// Delivers one webhook's events: in seq order, one at a time, each retried with exponential backoff until it succeeds or the
/// webhook is disabled. Its position is the last seq delivered, and it reads on from there through the exchange's log, so a slow
/// receiver loses nothing the log still holds. Each webhook runs on its own task; a receiver can only hold up its own webhook.
/// </summary>
public sealed class WebhookDelivery(WebhookSettings settings, TimeProvider time, Func<ExchangeClient> exchange) : IDisposable
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ExchangePause = TimeSpan.FromSeconds(1);
    private readonly HttpClient _http = new(WebhookUrls.Handler(settings.AllowAnyHost)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Runs until the webhook is disabled or stopped; never throws.</summary>
    public async Task RunAsync(WebhookEndpoint endpoint)
    {
        var cancel = endpoint.Stop.Token;
        var after = endpoint.Status.LastSeq;
        try
        {
            while (true)
            {
                try
                {
                    await foreach (var e in exchange().ReadAsync(after, endpoint.Topics, endpoint.Bot, cancel))
                    {
                        if (!await DeliverAsync(endpoint, e.Envelope, cancel)) return;
                        after = e.Seq;
                    }
                }
                catch (TooSlowException e)
                {
                    after = Math.Max(after, e.LastSeq); // up to there every event was delivered or not for this webhook
                }
                catch (ResumeGoneException e)
                {
                    endpoint.Disable($"events after seq {after} are no longer kept (the oldest is {e.Oldest}): some may be lost; "
                        + "read the account and trades, then register again");
                    return;
                }
                catch (Exception) when (!cancel.IsCancellationRequested)
                {
                    await Task.Delay(ExchangePause, time, cancel); // the exchange is busy or stopping; it is not the receiver's failure
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    /// <summary>Delivers one event, retrying; false when the webhook was disabled instead.</summary>
    private async Task<bool> DeliverAsync(WebhookEndpoint endpoint, Envelope envelope, CancellationToken cancel)
    {
        var body = JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web);
        var id = $"msg_{endpoint.Id}_{envelope.Seq}"; // the same on every attempt: receivers drop repeats by it
        for (var attempt = 1; ; attempt++)
        {
            var (error, status) = await AttemptAsync(endpoint, id, body, cancel);
            var now = time.GetUtcNow();
            if (error is null)
            {
                endpoint.Delivered(envelope.Seq, now);
                return true;
            }
            endpoint.Failed(error, now);
            if (status == 410)
            {
                endpoint.Disable($"the receiver answered 410 Gone to seq {envelope.Seq}");
                return false;
            }
            if (attempt >= settings.MaxAttempts)
            {
                endpoint.Disable($"seq {envelope.Seq} failed {attempt} attempts, the last: {error}");
                return false;
            }
            await Task.Delay(Backoff(settings.FirstRetry, attempt, Random.Shared.NextDouble()), time, cancel);
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: doubling from <paramref name="first"/>, ±25% jitter.</summary>
    public static TimeSpan Backoff(TimeSpan first, int attempt, double random)
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(doubled * (0.75 + random / 2), MaxBackoff.TotalMilliseconds));
    }

    /// <summary>One POST; null error when the receiver answered 2xx in time.</summary>
    private async Task<(string? Error, int Status)> AttemptAsync(WebhookEndpoint endpoint, string id, string body, CancellationToken cancel)
    {
        using var deadline = new CancellationTokenSource(settings.Timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(endpoint.Secret, id, timestamp, body));
        request.Headers.UserAgent.ParseAdd("AkkaTrading-Webhooks/1");
        try
        {
            // headers only: a receiver that streams an endless body cannot hold the delivery
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, either.Token);
            var status = (int)response.StatusCode;
            return (status is >= 200 and < 300 ? null : $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return ($"no answer within {settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", 0);
        }
        catch (HttpRequestException e)
        {
            return (e.Message, 0);
        }
    }

    public void Dispose() => _http.Dispose();
}
