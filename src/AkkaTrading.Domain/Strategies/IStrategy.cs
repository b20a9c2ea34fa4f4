using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Strategies;

/// <summary>
/// A trading strategy for one bot: sees every price of the assets it watches, one at a time, and
/// learns the outcome of its orders only from fills. Implementations keep per-asset state and never
/// read configuration themselves.
/// </summary>
public interface IStrategy
{
    /// <summary>Observes the asset's new price and returns what to do, or null to hold.</summary>
    TradeIntent? OnPrice(string asset, decimal price);

    /// <summary>Takes an executed order of this bot into account. Rejected orders are never passed here.</summary>
    void OnFill(Fill fill);

    /// <summary>
    /// Takes back what its fills had told it of an asset before a server restarted: the position the ledger recovered and the
    /// price of its last buy (null when unknown). Called before any price, and only for assets held.
    /// </summary>
    void Resume(string asset, Position position, decimal? lastBuyPrice);
}
