using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class InvestorStrategyTests
{
    private const string Alfa = "ALFA";

    private static InvestorStrategy Investor(int window = 20, decimal dip = 5m, decimal takeProfit = 5m, decimal quantity = 10m) =>
        new(new InvestorSettings(window, dip, takeProfit, quantity));

    private static Fill BuyFill(string asset, decimal quantity, decimal price) => new(0, "investor", asset, Side.Buy, quantity, price, 0m);
    private static Fill SellFill(string asset, decimal quantity, decimal price)
        => new(0, "investor", asset, Side.Sell, quantity, price, 0m);

    /// <summary>Feeds the prices and returns the intent for the last one.</summary>
    private static TradeIntent? Feed(InvestorStrategy investor, string asset, params decimal[] prices)
    {
        TradeIntent? last = null;
        foreach (var price in prices) last = investor.OnPrice(asset, price);
        return last;
    }

    [Fact]
    public void First_price_holds_when_dip_is_positive()
    {
        Assert.Null(Investor().OnPrice(Alfa, 100m));
    }

    [Fact]
    public void First_price_buys_when_dip_is_zero()
    {
        Assert.Equal(TradeIntent.Buy(10m), Investor(dip: 0m).OnPrice(Alfa, 100m));
    }

    [Fact]
    public void Price_exactly_at_the_dip_threshold_buys_the_configured_quantity()
    {
        Assert.Equal(TradeIntent.Buy(7m), Feed(Investor(quantity: 7m), Alfa, 100m, 95.00m));
    }

    [Fact]
    public void Price_one_cent_above_the_dip_threshold_holds()
    {
        Assert.Null(Feed(Investor(), Alfa, 100m, 95.01m));
    }

    [Fact]
    public void Dip_is_measured_against_the_highest_price_of_the_window()
    {
        // max is 120, not the latest 100: threshold 114
        Assert.Equal(TradeIntent.Buy(10m), Feed(Investor(), Alfa, 120m, 100m, 110m, 114m));
    }

    [Fact]
    public void A_high_within_the_window_still_counts()
    {
        // window 4: [100, 97, 96, 95], max 100, threshold 95
        Assert.Equal(TradeIntent.Buy(10m), Feed(Investor(window: 4), Alfa, 100m, 97m, 96m, 95m));
    }

    [Fact]
    public void A_high_older_than_the_window_no_longer_counts()
    {
        // window 3: [97, 96, 95], max 97, threshold 92.15
        Assert.Null(Feed(Investor(window: 3), Alfa, 100m, 97m, 96m, 95m));
    }

    [Fact]
    public void Does_not_buy_again_while_holding()
    {
        var investor = Investor();
        Assert.Equal(TradeIntent.Buy(10m), Feed(investor, Alfa, 100m, 95m));
        investor.OnFill(BuyFill(Alfa, 10m, 95m));

        Assert.Null(investor.OnPrice(Alfa, 80m));
    }

    [Fact]
    public void Take_profit_exactly_at_threshold_sells_everything_held()
    {
        var investor = Investor();
        Feed(investor, Alfa, 100m, 95m);
        investor.OnFill(BuyFill(Alfa, 10m, 100m));
        investor.OnFill(BuyFill(Alfa, 3m, 100m));

        Assert.Equal(TradeIntent.Sell(13m), investor.OnPrice(Alfa, 105.00m));
    }

    [Fact]
    public void Just_below_take_profit_holds()
    {
        var investor = Investor();
        Feed(investor, Alfa, 100m, 95m);
        investor.OnFill(BuyFill(Alfa, 10m, 100m));

        Assert.Null(investor.OnPrice(Alfa, 104.99m));
    }

    [Fact]
    public void Take_profit_uses_the_weighted_average_entry_price_from_fills()
    {
        var investor = Investor();
        Feed(investor, Alfa, 100m, 95m);
        investor.OnFill(BuyFill(Alfa, 10m, 90m));
        investor.OnFill(BuyFill(Alfa, 30m, 110m)); // average (900 + 3300) / 40 = 105, threshold 110.25

        Assert.Null(investor.OnPrice(Alfa, 110.24m));
        Assert.Equal(TradeIntent.Sell(40m), investor.OnPrice(Alfa, 110.25m));
    }

    [Fact]
    public void Take_profit_is_measured_from_the_fill_price_not_the_decision_price()
    {
        var investor = Investor();
        Feed(investor, Alfa, 100m, 95m);          // decided at 95
        investor.OnFill(BuyFill(Alfa, 10m, 96m)); // filled at 96: threshold 100.80

        Assert.Null(investor.OnPrice(Alfa, 100.79m));
        Assert.Equal(TradeIntent.Sell(10m), investor.OnPrice(Alfa, 100.80m));
    }

    [Fact]
    public void A_rejected_buy_changes_nothing_so_the_next_dip_buys_again()
    {
        var investor = Investor();
        Assert.Equal(TradeIntent.Buy(10m), Feed(investor, Alfa, 100m, 95m));
        // the order is rejected: OnFill is never called

        Assert.Equal(TradeIntent.Buy(10m), investor.OnPrice(Alfa, 94m));
    }

    [Fact]
    public void A_rejected_sell_keeps_the_position_so_take_profit_sells_again()
    {
        var investor = Investor();
        Feed(investor, Alfa, 100m, 95m);
        investor.OnFill(BuyFill(Alfa, 10m, 95m));
        Assert.Equal(TradeIntent.Sell(10m), investor.OnPrice(Alfa, 100m));
        // rejected: no OnFill

        Assert.Equal(TradeIntent.Sell(10m), investor.OnPrice(Alfa, 100m));
    }

    [Fact]
    public void After_selling_everything_it_is_flat_and_buys_on_the_next_dip()
    {
        var investor = Investor(window: 2);
        Feed(investor, Alfa, 100m, 95m);
        investor.OnFill(BuyFill(Alfa, 10m, 95m));
        Assert.Equal(TradeIntent.Sell(10m), investor.OnPrice(Alfa, 100m));
        investor.OnFill(SellFill(Alfa, 10m, 100m));

        Assert.Equal(TradeIntent.Buy(10m), investor.OnPrice(Alfa, 95m));
    }

    [Fact]
    public void Assets_keep_independent_windows_and_positions()
    {
        var investor = Investor();
        const string beta = "BETA";
        Assert.Null(investor.OnPrice(Alfa, 100m));
        Assert.Null(investor.OnPrice(beta, 95m));   // BETA's first price: ALFA's high does not count
        Assert.Equal(TradeIntent.Buy(10m), investor.OnPrice(Alfa, 95m));
        investor.OnFill(BuyFill(Alfa, 10m, 95m));

        Assert.Equal(TradeIntent.Buy(10m), investor.OnPrice(beta, 90m)); // still flat in BETA
        Assert.Null(investor.OnPrice(Alfa, 90m));                          // holding ALFA
    }

    [Fact]
    public void Decide_is_the_rule_for_one_price()
    {
        var settings = new InvestorSettings(20, 5m, 5m, 10m);
        Assert.Equal(TradeIntent.Buy(10m), InvestorStrategy.Decide(settings, 100m, Accounts.Position.Flat, 95m));
        Assert.Null(InvestorStrategy.Decide(settings, 100m, Accounts.Position.Flat, 95.01m));
        Assert.Equal(TradeIntent.Sell(4m), InvestorStrategy.Decide(settings, 100m, new Accounts.Position(4m, 100m), 105m));
        Assert.Null(InvestorStrategy.Decide(settings, 100m, new Accounts.Position(4m, 100m), 104.99m));
    }
}
