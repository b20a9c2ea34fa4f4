namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// <see cref="Trading.RollingMax"/> for every window length the bots of a pass use on one asset, from one monotonic queue: the
/// queue kept for the longest window holds, oldest first, the only prices that can be a maximum, so the highest of the last w
/// prices is its oldest entry within them. Every bot with that window on that asset sees the same prices, so they share it.
/// </summary>
internal sealed class ScaledWindowMaxima
{
    private readonly long _longest;
    private readonly long[] _values, _indices;
    private readonly int _mask;
    private readonly int[] _windows, _slots; // longest first; where each one's maximum is written
    private long _count;
    private int _head, _size;

    /// <param name="windows">the window lengths and where each one's maximum goes, in any order</param>
    public ScaledWindowMaxima(IEnumerable<(int Window, int Slot)> windows, int pricesToCome)
    {
        var sorted = windows.OrderByDescending(w => w.Window).ToArray();
        (_windows, _slots) = ([.. sorted.Select(w => w.Window)], [.. sorted.Select(w => w.Slot)]);
        _longest = _windows.Length == 0 ? 1 : _windows[0];
        var length = 1;
        while (length < Math.Min(_longest, pricesToCome) + 1) length *= 2;
        (_values, _indices, _mask) = (new long[length], new long[length], length - 1);
    }

    /// <summary>Adds a price and writes each window's highest price, that price included, to <paramref name="maxima"/>.</summary>
    public void Add(long price, long[] maxima)
    {
        var (values, indices, mask) = (_values, _indices, _mask);
        if (_size > 0 && indices[_head] <= _count - _longest)
        {
            _head = (_head + 1) & mask;
            _size--;
        }
        while (_size > 0 && values[(_head + _size - 1) & mask] <= price) _size--;
        var tail = (_head + _size) & mask;
        values[tail] = price;
        indices[tail] = _count++;
        _size++;
        var (at, count, windows, slots) = (_head, _count, _windows, _slots);
        for (var i = 0; i < windows.Length; i++)
        {
            var oldest = count - windows[i]; // the window holds the prices from this index on
            while (indices[at] < oldest) at = (at + 1) & mask;
            maxima[slots[i]] = values[at];
        }
    }
}
