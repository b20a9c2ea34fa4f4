namespace AkkaTrading.Domain.Prices;

public static class Cents
{
    /// <summary>Rounds a generated price to cents (always shown with two decimals), never below one cent.</summary>
    public static decimal Round(decimal price) => Math.Max(0.01m, Math.Round(price, 2, MidpointRounding.AwayFromZero)) + 0.00m;
}
