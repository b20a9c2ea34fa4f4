using System.Globalization;
using AkkaTrading.Domain.Prices;

namespace AkkaTrading.Domain.Tests;

public class RandomWalkTests
{
    private static decimal[] Take(RandomWalk walk, int count) => Enumerable.Range(0, count).Select(_ => walk.Next()).ToArray();

    [Fact]
    public void The_first_price_is_the_start()
    {
        var first = new RandomWalk(118.42m, 0.1, 2.0, seed: 1).Next();
        Assert.Equal("118.42", first.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_same_seed_gives_the_same_prices()
    {
        Assert.Equal(Take(new RandomWalk(100m, 0.05, 1.5, seed: 42), 200), Take(new RandomWalk(100m, 0.05, 1.5, seed: 42), 200));
    }

    [Fact]
    public void Another_seed_gives_other_prices()
    {
        var a = Take(new RandomWalk(100m, 0.05, 1.5, seed: 42), 20);
        var b = Take(new RandomWalk(100m, 0.05, 1.5, seed: 43), 20);
        Assert.Equal(a[0], b[0]);
        Assert.NotEqual(a[1..], b[1..]);
    }

    [Fact]
    public void A_walk_with_the_largest_drift_stays_at_the_largest_price_instead_of_overflowing()
    {
        var prices = Take(new RandomWalk(900_000_000m, driftPercent: 100, volatilityPercent: 100, seed: 3), 1_000);

        Assert.All(prices, p => Assert.InRange(p, 0.01m, Cents.MaxPrice));
        Assert.Contains(Cents.MaxPrice, prices);
    }

    [Fact]
    public void Without_drift_and_volatility_the_price_stays_constant()
    {
        Assert.All(Take(new RandomWalk(100m, 0, 0, seed: 5), 100), p => Assert.Equal(100m, p));
    }

    [Fact]
    public void Drift_alone_grows_the_price_by_its_percentage_per_tick()
    {
        // 100 * e^0.01 = 101.005..., 100 * e^0.02 = 102.020...
        Assert.Equal([100.00m, 101.01m, 102.02m], Take(new RandomWalk(100m, 1, 0, seed: 5), 3));
    }

    [Fact]
    public void Prices_are_positive_and_in_cents()
    {
        Assert.All(Take(new RandomWalk(1m, -5, 30, seed: 9), 500), p =>
        {
            Assert.True(p >= 0.01m, $"price {p} below one cent");
            Assert.Equal(2, p.Scale);
        });
    }

    [Fact]
    public void The_walk_moves_when_it_has_volatility()
    {
        Assert.True(Take(new RandomWalk(100m, 0, 2, seed: 3), 20).Distinct().Count() > 10);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(100, -0.1)]
    public void A_non_positive_start_or_negative_volatility_is_refused(double start, double volatility)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomWalk((decimal)start, 0, volatility, seed: 1));
    }
}
