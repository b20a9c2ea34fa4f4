namespace AkkaTrading.Domain.Prices;

/// <summary>
/// A seeded geometric random walk: each price is the previous one times exp(μ − σ²/2 + σ·Z), with Z
/// standard normal, rounded to cents. The same seed gives the same prices. The first price is the start.
/// The walk never rises above <see cref="Cents.MaxPrice"/>, the largest price the exchange records (a strong drift
/// would otherwise pass decimal's range within a hundred ticks).
/// </summary>
public sealed class RandomWalk : IPriceGenerator
{
    private readonly Random _random;
    private readonly double _drift;
    private readonly double _volatility;
    private double _price;
    private bool _started;

    /// <param name="start">the first price (&gt; 0)</param>
    /// <param name="driftPercent">expected change per tick, in percent</param>
    /// <param name="volatilityPercent">standard deviation of the change per tick, in percent (≥ 0)</param>
    /// <param name="seed">the seed: the same seed gives the same prices</param>
    public RandomWalk(decimal start, double driftPercent, double volatilityPercent, int seed)
    {
        if (start <= 0m) throw new ArgumentOutOfRangeException(nameof(start), start, "start price must be positive");
        if (volatilityPercent < 0)
            throw new ArgumentOutOfRangeException(nameof(volatilityPercent), volatilityPercent, "volatility must not be negative");
        _random = new Random(seed);
        _price = Math.Min((double)start, (double)Cents.MaxPrice);
        _drift = driftPercent / 100.0;
        _volatility = volatilityPercent / 100.0;
    }

    public decimal Next()
    {
        if (_started)
        {
            var change = Math.Exp(_drift - _volatility * _volatility / 2 + _volatility * StandardNormal());
            _price = Math.Min(_price * change, (double)Cents.MaxPrice);
        }
        _started = true;
        return Cents.Round((decimal)_price);
    }

    private double StandardNormal()
    {
        // Box–Muller; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
