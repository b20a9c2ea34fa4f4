namespace AkkaTrading.Domain.Trading;

/// <summary>
/// The highest of the last <c>window</c> prices (fewer at the start), kept in O(1) amortised time per
/// price with a monotonic queue: only prices that can still become the maximum are held.
/// </summary>
public sealed class RollingMax
{
    private readonly decimal[] _values;
    private readonly long[] _indices;
    private readonly int _window;
    private long _count;
    private int _head, _size;

    public RollingMax(int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "window must be at least 1");
        _window = window;
        _values = new decimal[window];
        _indices = new long[window];
    }

    /// <summary>The highest price in the window; throws before the first price.</summary>
    public decimal Max => _size > 0 ? _values[_head] : throw new InvalidOperationException("the window holds no price");

    public void Add(decimal price)
    {
        if (_size > 0 && _indices[_head] <= _count - _window)
        {
            _head = (_head + 1) % _window;
            _size--;
        }
        while (_size > 0 && _values[(_head + _size - 1) % _window] <= price) _size--;
        var tail = (_head + _size) % _window;
        _values[tail] = price;
        _indices[tail] = _count++;
        _size++;
    }
}
