using AkkaTrading.Domain.Trading;

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
}
