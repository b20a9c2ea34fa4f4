namespace AkkaTrading.Domain.Trading;

/// <summary>
/// A bounded ring buffer of the most recent prices of one asset, oldest first.
/// Adding beyond the capacity forgets the oldest price. The buffer grows as prices arrive, so a large
/// capacity costs memory only once that many prices were seen.
/// </summary>
public sealed class PriceWindow
{
    private const int InitialSize = 64;
    private decimal[] _prices;
    private int _next;

    public PriceWindow(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1");
        Capacity = capacity;
        _prices = new decimal[Math.Min(capacity, InitialSize)];
    }

    public int Capacity { get; }

    /// <summary>The first, lowest and highest price ever added (beyond the window too); zero before the first.</summary>
    public decimal First { get; private set; }
    public decimal Min { get; private set; }
    public decimal Max { get; private set; }
    public int Count { get; private set; }
    public decimal? Last => Count == 0 ? null : _prices[(_next - 1 + _prices.Length) % _prices.Length];

    public void Add(decimal price)
    {
        if (Count == 0) First = Min = Max = price;
        else if (price < Min) Min = price;
        else if (price > Max) Max = price;
        if (Count == _prices.Length && Count < Capacity) Grow();
        _prices[_next] = price;
        _next = (_next + 1) % _prices.Length;
        if (Count < _prices.Length) Count++;
    }

    // Below the capacity nothing was ever overwritten: a full array holds the prices at 0..Count-1 in order, and _next has just
    // wrapped to 0, so the next price goes right after them (writing it at 0 lost the oldest and left zeros in the middle).
    private void Grow()
    {
        Array.Resize(ref _prices, (int)Math.Min(Capacity, _prices.Length * 2L));
        _next = Count;
    }

    /// <summary>The last <paramref name="n"/> prices (or fewer if fewer were seen), oldest first.</summary>
    public decimal[] Latest(int n)
    {
        var take = Math.Clamp(n, 0, Count);
        var result = new decimal[take];
        var start = _next - take;
        for (var i = 0; i < take; i++)
            result[i] = _prices[((start + i) % _prices.Length + _prices.Length) % _prices.Length];
        return result;
    }
}
