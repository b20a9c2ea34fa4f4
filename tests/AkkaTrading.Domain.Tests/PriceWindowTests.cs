using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class PriceWindowTests
{
    private static PriceWindow WindowOf(int capacity, params decimal[] prices)
    {
        var window = new PriceWindow(capacity);
        foreach (var price in prices) window.Add(price);
        return window;
    }

    [Fact]
    public void An_empty_window_has_no_last_price_and_no_max()
    {
        var window = new PriceWindow(3);
        Assert.Equal(0, window.Count);
        Assert.Null(window.Last);
        Assert.Empty(window.Latest(3));
        Assert.Throws<InvalidOperationException>(() => window.Latest(window.Capacity).Max());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Capacity_below_one_is_refused(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceWindow(capacity));
    }

    [Fact]
    public void Before_it_is_full_it_keeps_every_price_oldest_first()
    {
        var window = WindowOf(4, 3m, 1m, 2m);
        Assert.Equal(3, window.Count);
        Assert.Equal(2m, window.Last);
        Assert.Equal(3m, window.Latest(window.Capacity).Max());
        Assert.Equal([3m, 1m, 2m], window.Latest(10));
    }

    [Fact]
    public void Beyond_its_capacity_it_forgets_the_oldest_prices()
    {
        var window = WindowOf(3, 10m, 1m, 2m, 3m, 4m);
        Assert.Equal(3, window.Count);
        Assert.Equal(3, window.Capacity);
        Assert.Equal(4m, window.Last);
        Assert.Equal(4m, window.Latest(window.Capacity).Max()); // 10 is forgotten
        Assert.Equal([2m, 3m, 4m], window.Latest(3));
        Assert.Equal([3m, 4m], window.Latest(2));
        Assert.Empty(window.Latest(0));
        Assert.Empty(window.Latest(-1));
    }

    [Fact]
    public void Max_sees_every_held_price_wherever_it_sits_in_the_ring()
    {
        var window = WindowOf(3, 1m, 2m, 3m, 9m, 4m); // ring holds [9, 4, 3]
        Assert.Equal(9m, window.Latest(window.Capacity).Max());
        window.Add(5m);
        window.Add(6m); // 9 is gone
        Assert.Equal(6m, window.Latest(window.Capacity).Max());
    }

    [Fact]
    public void A_window_of_one_holds_only_the_latest_price()
    {
        var window = WindowOf(1, 5m, 7m, 6m);
        Assert.Equal(6m, window.Latest(window.Capacity).Max());
        Assert.Equal([6m], window.Latest(5));
    }

    [Fact]
    public void A_window_of_a_million_prices_costs_memory_only_for_the_prices_seen()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var window = new PriceWindow(1_000_000);
        for (var i = 1; i <= 100; i++) window.Add(i);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 * 1024);
        Assert.Equal(1_000_000, window.Capacity);
        Assert.Equal([98m, 99m, 100m], window.Latest(3));
    }

    [Fact]
    public void Growing_and_wrapping_keep_the_latest_prices_in_order()
    {
        var window = new PriceWindow(150);
        for (var i = 1; i <= 400; i++) window.Add(i);
        Assert.Equal(Enumerable.Range(251, 150).Select(i => (decimal)i), window.Latest(150));
        Assert.Equal(150, window.Count);
    }

    [Fact]
    public void While_it_grows_toward_its_capacity_every_price_is_kept_in_order()
    {
        foreach (var capacity in new[] { 1, 2, 63, 64, 65, 100, 150, 1000 })
        {
            var window = new PriceWindow(capacity);
            for (var i = 1; i <= capacity * 5 / 2 + 3; i++)
            {
                window.Add(i);
                var expected = Enumerable.Range(1, i).TakeLast(capacity).Select(p => (decimal)p).ToArray();
                Assert.Equal(expected, window.Latest(capacity));
                Assert.Equal(expected.TakeLast(3), window.Latest(3));
            }
        }
    }
}
