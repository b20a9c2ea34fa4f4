using AkkaTrading.Domain.Events;

namespace AkkaTrading.Gateway.Events;

/// <summary>
/// One client's bounded queue of live events. The exchange's side never waits: when the queue is full a newer price
/// replaces the older waiting price of its asset (conflation keeps the order by seq), and when a trade or a
/// rejection finds the queue full the subscription ends as too slow — the client resumes by seq, nothing is lost.
/// </summary>
public sealed class Subscription : IDisposable
{
    private readonly object _lock = new();
    private readonly LinkedList<ExchangeEvent> _queue = new();
    private readonly Dictionary<string, LinkedListNode<ExchangeEvent>> _waitingPrice = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly Action<Subscription> _unsubscribe;
    private readonly Func<ExchangeEvent, bool>? _wanted;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Subscription(int capacity, Action<Subscription> unsubscribe, Func<ExchangeEvent, bool>? wanted = null)
    {
        _capacity = capacity;
        _unsubscribe = unsubscribe;
        _wanted = wanted;
    }

    /// <summary>Set when the client fell too far behind; it should resume from the last seq it received.</summary>
    public bool TooSlow { get; private set; }

    internal void Offer(ExchangeEvent e)
    {
        if (_wanted is not null && !_wanted(e)) return; // events the client never sees take no room in its queue
        lock (_lock)
        {
            if (TooSlow) return;
            if (e.Data is PriceData price && _waitingPrice.Remove(price.Asset, out var older) && _queue.Count >= _capacity / 2)
                _queue.Remove(older);
            if (_queue.Count >= _capacity)
            {
                TooSlow = true;
                _queue.Clear();
                _waitingPrice.Clear();
            }
            else
            {
                var node = _queue.AddLast(e);
                if (e.Data is PriceData p) _waitingPrice[p.Asset] = node;
            }
            _signal.TrySetResult();
        }
    }

    /// <summary>The next event, waiting for one; null when the subscription ended as too slow.</summary>
    public async ValueTask<ExchangeEvent?> NextAsync(CancellationToken cancel)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (TooSlow) return null;
                if (_queue.First is { } first)
                {
                    _queue.RemoveFirst();
                    if (first.Value.Data is PriceData p && _waitingPrice.TryGetValue(p.Asset, out var node)
                        && node == first) _waitingPrice.Remove(p.Asset);
                    return first.Value;
                }
                if (_signal.Task.IsCompleted) _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _signal.Task;
            }
            await wait.WaitAsync(cancel);
        }
    }

    public void Dispose() => _unsubscribe(this);
}
