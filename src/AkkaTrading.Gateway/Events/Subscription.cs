using System.Runtime.InteropServices;
using AkkaTrading.Domain.Events;

namespace AkkaTrading.Gateway.Events;

/// <summary>
/// One client's bounded queue of live events. The exchange's side never waits: when the queue is at least half full a newer
/// price replaces the older waiting price of its asset (conflation keeps the order by seq), and when an event finds the queue
/// full the subscription ends as too slow — the client resumes by seq, nothing is lost.
/// </summary>
/// <remarks>
/// The queue is a ring of the events shared by all subscriptions, so offering an event allocates nothing per subscriber.
/// A replaced price leaves an empty slot behind (removing it would shift the ring); the reader skips such slots, and a ring
/// full of them is rebuilt without them.
/// </remarks>
public sealed class Subscription : IDisposable
{
    private const int InitialSlots = 16;

    private readonly object _lock = new();
    private readonly Dictionary<string, long> _waitingPrice = new(StringComparer.Ordinal); // asset → position of its newest price
    private readonly int _capacity;
    private readonly Action<Subscription> _unsubscribe;
    private readonly Func<ExchangeEvent, bool>? _wanted;
    private EventViews?[] _ring = new EventViews?[InitialSlots]; // a power of two; null: a replaced price
    private long _head, _tail; // positions read and written so far; an event's slot is its position modulo the ring's length
    private int _count; // events waiting, not counting replaced ones
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Subscription(int capacity, Action<Subscription> unsubscribe, Func<ExchangeEvent, bool>? wanted = null)
    {
        _capacity = capacity;
        _unsubscribe = unsubscribe;
        _wanted = wanted;
    }

    /// <summary>Set when the client fell too far behind; it should resume from the last seq it received.</summary>
    public bool TooSlow { get; private set; }

    internal void Offer(EventViews e)
    {
        if (_wanted is not null && !_wanted(e.Event)) return; // events the client never sees take no room in its queue
        lock (_lock)
        {
            if (TooSlow) return;
            var price = e.Event.Data as PriceData;
            if (price is not null && _waitingPrice.Remove(price.Asset, out var older) && _count >= _capacity / 2)
            {
                _ring[Slot(older)] = null;
                _count--;
            }
            if (_count >= _capacity)
            {
                TooSlow = true;
                Array.Clear(_ring);
                _waitingPrice.Clear();
                _count = 0;
                _head = _tail = 0;
            }
            else
            {
                if (_tail - _head == _ring.Length) Rebuild();
                if (price is not null) _waitingPrice[price.Asset] = _tail;
                _ring[Slot(_tail++)] = e;
                _count++;
            }
            _signal.TrySetResult();
        }
    }

    /// <summary>The next event, waiting for one; null when the subscription ended as too slow.</summary>
    public async ValueTask<EventViews?> NextAsync(CancellationToken cancel)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (TooSlow) return null;
                if (TryTake() is { } next) return next;
                if (_signal.Task.IsCompleted) _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _signal.Task;
            }
            await wait.WaitAsync(cancel);
        }
    }

    private EventViews? TryTake()
    {
        while (_head < _tail)
        {
            var position = _head++;
            ref var slot = ref _ring[Slot(position)];
            var e = slot;
            slot = null;
            if (e is null) continue; // a replaced price
            _count--;
            if (e.Event.Data is PriceData p && _waitingPrice.TryGetValue(p.Asset, out var newest) && newest == position)
                _waitingPrice.Remove(p.Asset);
            return e;
        }
        return null;
    }

    /// <summary>
    /// Moves the waiting events to the front of a ring, dropping the slots of replaced prices: the same length when they took
    /// at least half of it, else twice the length (the ring stays under four times the capacity, as only a full queue grows it).
    /// </summary>
    private void Rebuild()
    {
        var ring = new EventViews?[_count <= _ring.Length / 2 ? _ring.Length : _ring.Length * 2];
        var at = 0L;
        for (var position = _head; position < _tail; position++)
        {
            if (_ring[Slot(position)] is not { } e) continue;
            if (e.Event.Data is PriceData p)
            {
                ref var newest = ref CollectionsMarshal.GetValueRefOrNullRef(_waitingPrice, p.Asset);
                if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref newest) && newest == position) newest = at;
            }
            ring[at++] = e;
        }
        (_ring, _head, _tail) = (ring, 0, at);
    }

    private int Slot(long position) => (int)(position & (_ring.Length - 1));

    public void Dispose() => _unsubscribe(this);
}
