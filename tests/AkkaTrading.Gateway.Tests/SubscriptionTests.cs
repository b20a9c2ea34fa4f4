using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Gateway.Events;

namespace AkkaTrading.Gateway.Tests;

/// <summary>A subscription's queue: order by seq, prices conflated when at least half full, too slow when full.</summary>
public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Assets = ["ALFA", "BETA", "GAMMA"];

    private static ExchangeEvent Price(long seq, string asset) => new(seq, Time, new PriceData(asset, 100m + seq));
    private static ExchangeEvent Trade(long seq) =>
        new(seq, Time, new TradeData(new Fill(seq, "alice", "ALFA", Side.Buy, 1, 100, 0), null));

    private static async Task<List<long>> DrainAsync(Subscription subscription, int count)
    {
        var seqs = new List<long>();
        for (var i = 0; i < count; i++) seqs.Add((await subscription.NextAsync(CancellationToken.None))!.Event.Seq);
        return seqs;
    }

    [Fact]
    public async Task A_newer_price_replaces_the_waiting_one_of_its_asset_only_once_the_queue_is_half_full()
    {
        var hub = new EventHub(8);
        using var subscription = hub.Subscribe();
        hub.Publish(Price(1, "ALFA"));
        hub.Publish(Price(2, "ALFA")); // 1 waiting of 8: both kept
        hub.Publish(Trade(3));
        hub.Publish(Price(4, "BETA"));
        hub.Publish(Price(5, "ALFA")); // 4 waiting: replaces 2, and goes last to keep the order by seq
        Assert.Equal([1L, 3, 4, 5], await DrainAsync(subscription, 4));
    }

    [Fact]
    public async Task A_trade_finding_the_queue_full_ends_the_subscription_as_too_slow()
    {
        var hub = new EventHub(4);
        using var subscription = hub.Subscribe();
        for (var seq = 1; seq <= 5; seq++) hub.Publish(Trade(seq));
        Assert.True(subscription.TooSlow);
        Assert.Null(await subscription.NextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Events_not_wanted_take_no_room()
    {
        var hub = new EventHub(2);
        using var subscription = hub.Subscribe(e => e.Data is TradeData);
        for (var seq = 1; seq <= 10; seq++) hub.Publish(Price(seq, "ALFA"));
        hub.Publish(Trade(11));
        Assert.Equal([11L], await DrainAsync(subscription, 1));
    }

    /// <summary>Long random runs (many replaced prices, so the ring is rebuilt and grown) against the rule as a plain linked
    /// list.</summary>
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 16)]
    [InlineData(3, 100)]
    [InlineData(4, 1000)]
    public async Task Gives_what_the_rule_gives_on_a_plain_linked_list(int seed, int capacity)
    {
        var random = new Random(seed);
        var hub = new EventHub(capacity);
        using var subscription = hub.Subscribe();
        var model = new Model(capacity);
        for (long seq = 1; seq <= 50_000 && !model.TooSlow; seq++)
        {
            var e = random.Next(10) == 0 ? Trade(seq) : Price(seq, Assets[random.Next(Assets.Length)]);
            hub.Publish(e);
            model.Offer(e);
            // readers slower than the exchange most of the time, so the queue stays near half full and conflates
            for (var reads = random.Next(3) == 0 ? random.Next(4) : 0; reads > 0 && model.Take() is { } expected; reads--)
                Assert.Equal(expected.Seq, (await subscription.NextAsync(CancellationToken.None))!.Event.Seq);
            Assert.Equal(model.TooSlow, subscription.TooSlow);
        }
        while (!model.TooSlow && model.Take() is { } rest)
            Assert.Equal(rest.Seq, (await subscription.NextAsync(CancellationToken.None))!.Event.Seq);
    }

    [Fact]
    public async Task A_reader_waiting_for_an_event_gets_the_next_one_published()
    {
        var hub = new EventHub(8);
        using var subscription = hub.Subscribe();
        var next = subscription.NextAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        hub.Publish(Trade(7));
        Assert.Equal(7, (await next)!.Event.Seq);
    }

    /// <summary>The conflation rule as it was first written, on a linked list: the reference.</summary>
    private sealed class Model(int capacity)
    {
        private readonly LinkedList<ExchangeEvent> _queue = new();
        private readonly Dictionary<string, LinkedListNode<ExchangeEvent>> _waitingPrice = new();

        public bool TooSlow { get; private set; }

        public void Offer(ExchangeEvent e)
        {
            if (TooSlow) return;
            if (e.Data is PriceData price && _waitingPrice.Remove(price.Asset, out var older) && _queue.Count >= capacity / 2)
                _queue.Remove(older);
            if (_queue.Count >= capacity)
            {
                TooSlow = true;
                _queue.Clear();
                return;
            }
            var node = _queue.AddLast(e);
            if (e.Data is PriceData p) _waitingPrice[p.Asset] = node;
        }

        public ExchangeEvent? Take()
        {
            if (_queue.First is not { } first) return null;
            _queue.RemoveFirst();
            if (first.Value.Data is PriceData p && _waitingPrice.TryGetValue(p.Asset, out var node) && node == first)
                _waitingPrice.Remove(p.Asset);
            return first.Value;
        }
    }
}
