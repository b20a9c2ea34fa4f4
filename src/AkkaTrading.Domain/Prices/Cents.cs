namespace AkkaTrading.Domain.Prices;

public static class Cents
{
    /// <summary>The largest price accepted from a scenario: far beyond any real one, far below where money arithmetic could
    /// overflow.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>Rounds a generated price to cents (always shown with two decimals), never below one cent.</summary>
    public static decimal Round(decimal price) => Math.Max(0.01m, Math.Round(price, 2, MidpointRounding.AwayFromZero)) + 0.00m;
}
