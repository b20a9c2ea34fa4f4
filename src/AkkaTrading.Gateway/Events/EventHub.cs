using System.Collections.Concurrent;
using AkkaTrading.Domain.Events;

namespace AkkaTrading.Gateway.Events;

/// <summary>
/// Hands every event the exchange stamps to the live subscriptions of the connected clients, and keeps the latest
/// price of each asset with the seq it came with, so that polling prices costs no trip to the exchange.
/// Fed by <see cref="EventHubFeeder"/> on the exchange's event stream; it never blocks the feeder.
/// </summary>
public sealed class EventHub(int queueSize)
{
    private readonly ConcurrentDictionary<Subscription, byte> _subscriptions = new();
    private readonly ConcurrentDictionary<string, decimal> _prices = new(StringComparer.Ordinal);
    private long _lastSeq, _pricesSeq;

    public int Subscribers => _subscriptions.Count;
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    /// <summary>The seq of the latest price: the version of <see cref="Prices"/> (an ETag).</summary>
    public long PricesSeq => Interlocked.Read(ref _pricesSeq);
    public IReadOnlyDictionary<string, decimal> Prices => _prices;

    /// <param name="wanted">the events to queue (null: all); the others take no room</param>
    public Subscription Subscribe(Func<ExchangeEvent, bool>? wanted = null) => Subscribe(queueSize, wanted);

    public Subscription Subscribe(int capacity, Func<ExchangeEvent, bool>? wanted = null)
    {
        var subscription = new Subscription(capacity, s => _subscriptions.TryRemove(s, out _), wanted);
        _subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    public void Publish(ExchangeEvent e)
    {
        if (e.Data is PriceData price)
        {
            _prices[price.Asset] = price.Price;
            Interlocked.Exchange(ref _pricesSeq, e.Seq);
        }
        Interlocked.Exchange(ref _lastSeq, e.Seq);
        var shared = new EventViews(e); // one per event: its envelopes and their JSON are built once for all subscribers
        foreach (var subscription in _subscriptions.Keys) subscription.Offer(shared);
    }
}
