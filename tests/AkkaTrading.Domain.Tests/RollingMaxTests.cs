using AkkaTrading.Domain.Trading;
using CsCheck;

namespace AkkaTrading.Domain.Tests;

public class RollingMaxTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    public void It_always_equals_the_highest_of_the_last_window_prices(int window)
    {
        var random = new Random(window);
        var max = new RollingMax(window);
        var seen = new List<decimal>();
        for (var i = 0; i < 500; i++)
        {
            var price = random.Next(1, 40) / 4m; // many ties and repeats
            max.Add(price);
            seen.Add(price);
            Assert.Equal(seen.TakeLast(window).Max(), max.Max);
        }
    }

    [Fact]
    public void An_old_high_leaves_the_window_after_exactly_window_prices()
    {
        var max = new RollingMax(3);
        max.Add(10m);
        max.Add(5m);
        max.Add(6m);
        Assert.Equal(10m, max.Max);
        max.Add(4m);
        Assert.Equal(6m, max.Max);
    }

    [Fact]
    public void Before_the_first_price_there_is_no_maximum() =>
        Assert.Throws<InvalidOperationException>(() => new RollingMax(3).Max);

    [Fact]
    public void It_matches_the_highest_of_the_last_window_prices_as_its_buffer_grows() =>
        Gen.Select(Gen.Int[1, 100], Gen.Int[0, 50].Array[1, 400]).Sample((window, prices) =>
        {
            var max = new RollingMax(window);
            for (var i = 0; i < prices.Length; i++)
            {
                max.Add(prices[i]);
                Assert.Equal(prices[Math.Max(0, i - window + 1)..(i + 1)].Max(), (int)max.Max);
            }
        }, threads: 1);

    [Fact]
    public void A_window_of_a_million_prices_costs_memory_only_for_the_prices_held()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var max = new RollingMax(1_000_000);
        for (var i = 100; i > 0; i--) max.Add(i);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 * 1024);
        Assert.Equal(100m, max.Max);
    }
}
