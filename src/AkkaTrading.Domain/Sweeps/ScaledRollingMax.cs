namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// <see cref="Trading.RollingMax"/> over prices as scaled integers, for one asset and one window length: every bot of a pass
/// with that window on that asset sees the same prices, so they share one. The ring holds at most window + 1 entries, and no
/// more than the prices it will be given.
/// </summary>
internal sealed class ScaledRollingMax
{
    private readonly long _window;
    private readonly long[] _values;
    private readonly long[] _indices;
    private readonly int _mask;
    private long _count;
    private int _head, _size;

    public ScaledRollingMax(int window, int pricesToCome)
    {
        _window = window;
        var length = 1;
        while (length < Math.Min(window, pricesToCome) + 1) length *= 2;
        (_values, _indices, _mask) = (new long[length], new long[length], length - 1);
    }

    /// <summary>Adds a price and returns the highest of the window, that price included.</summary>
    public long Add(long price)
    {
        if (_size > 0 && _indices[_head] <= _count - _window)
        {
            _head = (_head + 1) & _mask;
            _size--;
        }
        while (_size > 0 && _values[(_head + _size - 1) & _mask] <= price) _size--;
        var tail = (_head + _size) & _mask;
        _values[tail] = price;
        _indices[tail] = _count++;
        _size++;
        return _values[_head];
    }
}
