using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Strategies;

/// <param name="Quantity">units bought per buy (whole, ≥ 1)</param>
/// <param name="CheaperByPercent">buy again when the price is at least this far below the last buy price (≥ 0)</param>
/// <param name="CrashWindow">how many latest prices, the current one included, a crash is measured against (≥ 1)</param>
/// <param name="CrashPercent">sell everything when the price is at least this far below the crash window's highest price (≥ 0)</param>
/// <param name="Cooldown">prices of the asset sat out after a panic sale (≥ 0)</param>
public sealed record HamsterSettings(decimal Quantity, decimal CheaperByPercent, int CrashWindow, decimal CrashPercent, int Cooldown);

/// <summary>Buys cheaper than it bought before, holds on a rise, sells everything on a sharp fall.</summary>
public sealed class HamsterStrategy(HamsterSettings settings) : IStrategy
{
    private readonly AssetMap<AssetState> _assets = new();
    private readonly decimal _crashBelow = 1m - settings.CrashPercent / 100m;      // a panic sale: price <= crash-window max × this
    private readonly decimal _buyAgainBelow = 1m - settings.CheaperByPercent / 100m; // a new buy: price <= last buy × this

    public HamsterSettings Settings { get; } = settings;

    /// <summary>Has seen no price and been told nothing yet: a sweep may then run its rules without it.</summary>
    internal bool IsFresh => _assets.Count == 0;

    public TradeIntent? OnPrice(string asset, decimal price)
    {
        var state = StateOf(asset);
        state.Window.Add(price);
        if (!state.Position.IsFlat && price <= state.Window.Max * _crashBelow)
            return TradeIntent.Sell(state.Position.Quantity);
        if (state.CooldownLeft > 0)
        {
            state.CooldownLeft--;
            return null;
        }
        if (state.LastBuyPrice is not { } lastBuy)
            return TradeIntent.Buy(Settings.Quantity);
        return price <= lastBuy * _buyAgainBelow ? TradeIntent.Buy(Settings.Quantity) : null;
    }

    /// <remarks>Without the last buy price, the average entry price stands in for it.</remarks>
    public void Resume(string asset, Position position, decimal? lastBuyPrice)
    {
        var state = StateOf(asset);
        state.Position = position;
        state.LastBuyPrice = position.IsFlat ? null : lastBuyPrice ?? position.AverageEntryPrice;
    }

    public void OnFill(Fill fill)
    {
        var state = StateOf(fill.Asset);
        if (fill.Side == Side.Buy)
        {
            state.Position = state.Position.Bought(fill.Quantity, fill.Price);
            state.LastBuyPrice = fill.Price;
            return;
        }
        state.Position = state.Position.Sold(fill.Quantity);
        if (state.Position.IsFlat)
        {
            // A panic sale: start afresh after the cooldown.
            state.LastBuyPrice = null;
            state.CooldownLeft = Settings.Cooldown;
        }
    }

    private AssetState StateOf(string asset)
    {
        if (!_assets.TryGetValue(asset, out var state))
            _assets.Add(asset, state = new AssetState(new RollingMax(Settings.CrashWindow)));
        return state;
    }

    private sealed class AssetState(RollingMax window)
    {
        public RollingMax Window { get; } = window;
        public Position Position { get; set; } = Position.Flat;
        public decimal? LastBuyPrice { get; set; }
        public int CooldownLeft { get; set; }
    }
}
