namespace AkkaTrading.Domain.Events;

/// <summary>The events after a cursor, or <see cref="Gone"/> when the cursor is older than the kept log or newer than its last
/// event (a cursor from before a restart).</summary>
public sealed record EventPage(IReadOnlyList<ExchangeEvent> Events, long LastSeq, long OldestSeq, bool Gone);

/// <summary>
/// The last <see cref="Capacity"/> events in a ring buffer, stamped as they are appended: sequence numbers start at 1 and
/// increase by one. A client that asks for the events after a sequence number older than the log holds is told so
/// (<see cref="EventPage.Gone"/>) and must resync from a snapshot; so is one that asks after a sequence number the log has
/// not reached, which only a client of an earlier run of the server can hold.
/// <para>
/// A server that recovers its ledger <see cref="Restore"/>s the trades and rejections it had published, with their sequence
/// numbers, and <see cref="ContinueAfter"/> the highest number it may have given out: the prices between were not kept, so
/// the numbers jump there, but a client resuming from any cursor it holds misses no trade and sees none twice.
/// </para>
/// </summary>
public sealed class EventLog
{
    private readonly ExchangeEvent[] _ring;
    private int _start, _count;

    // Every event up to this sequence number that the log held or should have held is no longer kept.
    private long _forgotten;

    public EventLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ExchangeEvent[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>The sequence number of the newest event, 0 before the first.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The sequence number after the oldest cursor still served in full (1 until the log wraps).</summary>
    public long OldestSeq => _forgotten + 1;

    public ExchangeEvent Append(DateTimeOffset time, EventData data) => Add(new ExchangeEvent(LastSeq + 1, time, data));

    /// <summary>Appends an event stamped by its producer, numbered after the last one.</summary>
    public void Append(ExchangeEvent stamped) => Restore(stamped, complete: true);

    /// <summary>Puts back an event recovered from the ledger, with its own sequence number (above the last one).</summary>
    /// <param name="complete">whether the events restored so far are every event after <paramref name="stamped"/>'s predecessor
    /// that clients must not miss; false for the first one restored when older ones exist</param>
    public void Restore(ExchangeEvent stamped, bool complete)
    {
        if (stamped.Seq <= LastSeq) throw new ArgumentException($"event {stamped.Seq} is not after {LastSeq}", nameof(stamped));
        if (!complete) _forgotten = stamped.Seq - 1;
        Add(stamped);
    }

    /// <summary>Continues numbering after <paramref name="seq"/>, a number that may have been given out before a restart.</summary>
    public void ContinueAfter(long seq) => LastSeq = Math.Max(LastSeq, seq);

    private ExchangeEvent Add(ExchangeEvent stamped)
    {
        if (_count == _ring.Length)
        {
            _forgotten = _ring[_start].Seq;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }
        _ring[(_start + _count) % _ring.Length] = stamped;
        _count++;
        LastSeq = stamped.Seq;
        return stamped;
    }

    /// <summary>Up to <paramref name="max"/> events with a sequence number above <paramref name="after"/>, oldest first.</summary>
    public EventPage After(long after, int max)
    {
        if (after < _forgotten || after > LastSeq) return new EventPage([], LastSeq, OldestSeq, Gone: true);
        var first = FirstAfter(after);
        var events = new List<ExchangeEvent>(Math.Clamp(_count - first, 0, max));
        for (var i = first; i < _count && events.Count < max; i++) events.Add(At(i));
        return new EventPage(events, LastSeq, OldestSeq, Gone: false);
    }

    private ExchangeEvent At(int index) => _ring[(_start + index) % _ring.Length];

    /// <summary>The index of the first event kept with a sequence number above <paramref name="after"/> (numbers increase).</summary>
    private int FirstAfter(long after)
    {
        var (low, high) = (0, _count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (At(middle).Seq <= after) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
