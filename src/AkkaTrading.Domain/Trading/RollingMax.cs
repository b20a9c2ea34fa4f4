namespace AkkaTrading.Domain.Trading;

/// <summary>
/// The highest of the last <c>window</c> prices (fewer at the start), kept in O(1) amortised time per
/// price with a monotonic queue: only prices that can still become the maximum are held. The queue's
/// buffer grows with what it holds, so a large window costs memory only when prices keep falling.
/// </summary>
public sealed class RollingMax
{
    private const int InitialSize = 16;
    private readonly int _window;
    private decimal[] _values;
    private long[] _indices;
    private long _count;
    private int _head, _size;

    public RollingMax(int window)
    {
        if (window < 1) throw new ArgumentOutOfRangeException(nameof(window), window, "window must be at least 1");
        _window = window;
        _values = new decimal[Math.Min(window, InitialSize)];
        _indices = new long[_values.Length];
    }

    /// <summary>The highest price in the window; throws before the first price.</summary>
    public decimal Max => _size > 0 ? _values[_head] : throw new InvalidOperationException("the window holds no price");

    public void Add(decimal price)
    {
        var length = _values.Length;
        if (_size > 0 && _indices[_head] <= _count - _window)
        {
            _head = (_head + 1) % length;
            _size--;
        }
        while (_size > 0 && _values[(_head + _size - 1) % length] <= price) _size--;
        if (_size == length) Grow();
        var tail = (_head + _size) % _values.Length;
        _values[tail] = price;
        _indices[tail] = _count++;
        _size++;
    }

    /// <summary>Doubles the buffer (at most to the window), laying the queue out from index 0.</summary>
    private void Grow()
    {
        var length = (int)Math.Min(_window, _values.Length * 2L);
        var values = new decimal[length];
        var indices = new long[length];
        for (var i = 0; i < _size; i++)
        {
            values[i] = _values[(_head + i) % _values.Length];
            indices[i] = _indices[(_head + i) % _values.Length];
        }
        (_values, _indices, _head) = (values, indices, 0);
    }
}
