namespace AkkaTrading.Gateway.Auth;

/// <summary>
/// Each bot's orders through a token bucket: <c>burst</c> at once, refilled at <c>perSecond</c>. A bot over its rate is
/// told how long to wait (429 with Retry-After) instead of queueing orders the exchange would then have to catch up on.
/// </summary>
public sealed class OrderRateLimiter(int perSecond, int burst, TimeProvider time)
{
    private readonly Dictionary<string, (double Tokens, long Stamp)> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one order's token; false with the time until the next one when the bucket is empty.</summary>
    public bool TryTake(string bot, out TimeSpan retryAfter)
    {
        lock (_buckets)
        {
            var now = time.GetTimestamp();
            var (tokens, stamp) = _buckets.TryGetValue(bot, out var bucket) ? bucket : (burst, now);
            tokens = Math.Min(burst, tokens + time.GetElapsedTime(stamp, now).TotalSeconds * perSecond);
            if (tokens >= 1)
            {
                _buckets[bot] = (tokens - 1, now);
                retryAfter = TimeSpan.Zero;
                return true;
            }
            _buckets[bot] = (tokens, now);
            retryAfter = TimeSpan.FromSeconds((1 - tokens) / perSecond);
            return false;
        }
    }
}
