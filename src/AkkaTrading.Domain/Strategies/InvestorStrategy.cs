using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Strategies;

/// <param name="Window">how many of the asset's latest prices, the current one included, the dip is measured against (≥ 1)</param>
/// <param name="DipPercent">buy when the price is at least this far below the window's highest price (≥ 0)</param>
/// <param name="TakeProfitPercent">sell everything when the price is at least this far above the average entry price (≥ 0)</param>
/// <param name="Quantity">units bought per buy (whole, ≥ 1)</param>
public sealed record InvestorSettings(int Window, decimal DipPercent, decimal TakeProfitPercent, decimal Quantity);

/// <summary>Buys a falling asset, sells it after it rises, otherwise holds.</summary>
public sealed class InvestorStrategy(InvestorSettings settings) : IStrategy
{
    private readonly AssetMap<AssetState> _assets = new();
    private readonly decimal _buyBelow = BuyBelow(settings);
    private readonly decimal _sellAbove = SellAbove(settings);

    public InvestorSettings Settings { get; } = settings;

    /// <summary>Has seen no price and been told nothing yet: a sweep may then run its rules without it.</summary>
    internal bool IsFresh => _assets.Count == 0;

    public TradeIntent? OnPrice(string asset, decimal price)
    {
        var state = StateOf(asset);
        state.Window.Add(price);
        return Rule(_buyBelow, _sellAbove, Settings.Quantity, state.Window.Max, state.Position, price);
    }

    public void OnFill(Fill fill)
    {
        var state = StateOf(fill.Asset);
        state.Position = fill.Side == Side.Buy ? state.Position.Bought(fill.Quantity, fill.Price) : state.Position.Sold(fill.Quantity);
    }

    public void Resume(string asset, Position position, decimal? lastBuyPrice) => StateOf(asset).Position = position;

    /// <summary>The Investor's rule for one price, given the window's highest price (current price included).</summary>
    public static TradeIntent? Decide(InvestorSettings settings, decimal windowMax, Position position, decimal price) =>
        Rule(BuyBelow(settings), SellAbove(settings), settings.Quantity, windowMax, position, price);

    private static decimal BuyBelow(InvestorSettings s) => 1m - s.DipPercent / 100m;
    private static decimal SellAbove(InvestorSettings s) => 1m + s.TakeProfitPercent / 100m;

    private static TradeIntent? Rule(
        decimal buyBelow, decimal sellAbove, decimal quantity, decimal windowMax, Position position, decimal price)
    {
        if (position.IsFlat)
            return price <= windowMax * buyBelow ? TradeIntent.Buy(quantity) : null;
        // A take-profit so large that its target is beyond decimal's range can never be reached.
        if (position.AverageEntryPrice >= decimal.MaxValue / sellAbove) return null;
        return price >= position.AverageEntryPrice * sellAbove ? TradeIntent.Sell(position.Quantity) : null;
    }

    private AssetState StateOf(string asset)
    {
        if (!_assets.TryGetValue(asset, out var state))
            _assets.Add(asset, state = new AssetState(new RollingMax(Settings.Window)));
        return state;
    }

    private sealed class AssetState(RollingMax window)
    {
        public RollingMax Window { get; } = window;
        public Position Position { get; set; } = Position.Flat;
    }
}
