namespace AkkaTrading.Domain.Prices;

/// <summary>Produces one asset's prices, one per call.</summary>
public interface IPriceGenerator
{
    decimal Next();
}
