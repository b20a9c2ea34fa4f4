namespace AkkaTrading.Domain.Events;

/// <summary>The events after a cursor, or <see cref="Gone"/> when the cursor is older than the kept log or newer than its last
/// event (a cursor from before a restart).</summary>
public sealed record EventPage(IReadOnlyList<ExchangeEvent> Events, long LastSeq, long OldestSeq, bool Gone);

/// <summary>
/// The last <see cref="Capacity"/> events in a ring buffer, stamped as they are appended: sequence numbers start
/// at 1 and have no gaps. A client that asks for the events after a sequence number older than the log holds is
/// told so (<see cref="EventPage.Gone"/>) and must resync from a snapshot; so is one that asks after a sequence number the log
/// has not reached, which only a client of an earlier run of the server can hold.
/// </summary>
public sealed class EventLog
{
    private readonly ExchangeEvent[] _ring;

    public EventLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new ExchangeEvent[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>The sequence number of the newest event, 0 before the first.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The sequence number of the oldest event kept (1 until the log wraps).</summary>
    public long OldestSeq => Math.Max(1, LastSeq - _ring.Length + 1);

    public ExchangeEvent Append(DateTimeOffset time, EventData data)
    {
        var stamped = new ExchangeEvent(LastSeq + 1, time, data);
        _ring[(int)(stamped.Seq % _ring.Length)] = stamped;
        LastSeq = stamped.Seq;
        return stamped;
    }

    /// <summary>Up to <paramref name="max"/> events with a sequence number above <paramref name="after"/>, oldest first.</summary>
    public EventPage After(long after, int max)
    {
        if (after < OldestSeq - 1 || after > LastSeq) return new EventPage([], LastSeq, OldestSeq, Gone: true);
        var events = new List<ExchangeEvent>((int)Math.Clamp(LastSeq - after, 0, max));
        for (var seq = Math.Max(after, 0) + 1; seq <= LastSeq && events.Count < max; seq++)
            events.Add(_ring[(int)(seq % _ring.Length)]);
        return new EventPage(events, LastSeq, OldestSeq, Gone: false);
    }
}
