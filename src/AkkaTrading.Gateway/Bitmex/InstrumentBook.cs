using System.Collections.Concurrent;
using AkkaTrading.Domain.Events;
using AkkaTrading.Gateway.Events;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>An instrument's last price, its seq and time, and BitMEX's tick direction against the price before.</summary>
public sealed record Quote(decimal Price, long Seq, DateTimeOffset Time, string TickDirection)
{
    public Quote Next(decimal price, long seq, DateTimeOffset time) => new(price, seq, time, price > Price ? "PlusTick"
        : price < Price ? "MinusTick" : TickDirection.Contains("Plus", StringComparison.Ordinal) ? "ZeroPlusTick" : "ZeroMinusTick");
}

/// <summary>
/// Each instrument's latest <see cref="Quote"/>, kept from the live prices, so that REST answers and each socket's
/// <c>partial</c> carry the price's own time and tick direction. It follows the prices from the dialect's first use on, so a
/// server whose clients all speak the native API holds no subscription for it.
/// </summary>
public sealed class InstrumentBook(EventHub hub) : IDisposable
{
    private readonly ConcurrentDictionary<string, Quote> _quotes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _started;

    /// <summary>The latest quote; before this book saw a price of the asset, the hub's last price stamped now.</summary>
    public Quote? Of(string symbol)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(() => FollowAsync(_stop.Token));
        return _quotes.TryGetValue(symbol, out var quote) ? quote
            : hub.Prices.TryGetValue(symbol, out var price) ? new Quote(price, 0, DateTimeOffset.UtcNow, "ZeroPlusTick") : null;
    }

    private void Record(ExchangeEvent e)
    {
        if (e.Data is PriceData p)
            _quotes.AddOrUpdate(p.Asset, _ => new Quote(p.Price, e.Seq, e.Time, "ZeroPlusTick"),
                (_, old) => e.Seq > old.Seq ? old.Next(p.Price, e.Seq, e.Time) : old);
    }

    private async Task FollowAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            // prices only: a newer price replaces a waiting one, so this queue cannot overflow; if it ever did, subscribe again
            using var prices = hub.Subscribe(e => e.Data is PriceData);
            try
            {
                while (await prices.NextAsync(stop) is { } e) Record(e.Event);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose() => _stop.Cancel(); // the follower ends and drops its subscription
}
