namespace AkkaTrading.Domain.Reporting;

/// <summary>
/// A long series kept in bounded memory: every point while there is room; when full, every second point
/// held is dropped and from then on only every second point is taken, and so on. The kept points stay
/// evenly spread over the whole run, always including the first and the latest.
/// </summary>
public sealed class DecimatedSeries<T>
{
    private readonly List<(long Step, T Value)> _points = new();
    private readonly int _capacity;
    private long _seen;
    private (long Step, T Value) _latest;

    public DecimatedSeries(int capacity)
    {
        if (capacity < 2) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 2");
        _capacity = capacity;
    }

    /// <summary>1 while every point is kept, then 2, 4, …: one point kept for every <c>Stride</c> added.</summary>
    public long Stride { get; private set; } = 1;

    /// <summary>The kept points, oldest first, ending with the latest point added.</summary>
    public IReadOnlyList<(long Step, T Value)> Points =>
        _seen == 0 || _points[^1].Step == _latest.Step ? _points : [.. _points, _latest];

    public void Add(long step, T value)
    {
        _latest = (step, value);
        var index = _seen++;
        if (index % Stride != 0) return;
        if (_points.Count == _capacity)
        {
            var kept = 0;
            for (var i = 0; i < _points.Count; i += 2) _points[kept++] = _points[i];
            _points.RemoveRange(kept, _points.Count - kept);
            Stride *= 2;
            if (index % Stride != 0) return;
        }
        _points.Add((step, value));
    }
}
