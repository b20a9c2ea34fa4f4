using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class HamsterStrategyTests
{
    private const string Alfa = "ALFA";

    private static HamsterStrategy Hamster(decimal quantity = 5m, decimal cheaperBy = 1m, int crashWindow = 5, decimal crash = 10m,
        int cooldown = 10) =>
        new(new HamsterSettings(quantity, cheaperBy, crashWindow, crash, cooldown));

    private static Fill BuyFill(string asset, decimal quantity, decimal price) => new(0, "hamster", asset, Side.Buy, quantity, price, 0m);
    private static Fill SellFill(string asset, decimal quantity, decimal price) => new(0, "hamster", asset, Side.Sell, quantity, price, 0m);

    /// <summary>A hamster that has seen <paramref name="price"/> once and bought 5 units at it.</summary>
    private static HamsterStrategy HoldingAt(decimal price, int crashWindow = 5, decimal cheaperBy = 1m, int cooldown = 10)
    {
        var hamster = Hamster(cheaperBy: cheaperBy, crashWindow: crashWindow, cooldown: cooldown);
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, price));
        hamster.OnFill(BuyFill(Alfa, 5m, price));
        return hamster;
    }

    /// <summary>A hamster that just panic-sold its 5 units after a crash from 100 to 90.</summary>
    private static HamsterStrategy JustPanicSold(int cooldown)
    {
        var hamster = HoldingAt(100m, cooldown: cooldown);
        Assert.Equal(TradeIntent.Sell(5m), hamster.OnPrice(Alfa, 90m));
        hamster.OnFill(SellFill(Alfa, 5m, 90m));
        return hamster;
    }

    [Fact]
    public void First_sight_of_an_asset_buys_the_configured_quantity()
    {
        Assert.Equal(TradeIntent.Buy(3m), Hamster(quantity: 3m).OnPrice(Alfa, 100m));
    }

    [Fact]
    public void Price_exactly_cheaper_by_the_threshold_buys_again()
    {
        Assert.Equal(TradeIntent.Buy(5m), HoldingAt(100m).OnPrice(Alfa, 99.00m));
    }

    [Fact]
    public void Price_one_cent_above_the_cheaper_by_threshold_holds()
    {
        Assert.Null(HoldingAt(100m).OnPrice(Alfa, 99.01m));
    }

    [Fact]
    public void The_same_price_holds()
    {
        Assert.Null(HoldingAt(100m).OnPrice(Alfa, 100m));
    }

    [Fact]
    public void A_rise_is_held()
    {
        var hamster = HoldingAt(100m);
        Assert.Null(hamster.OnPrice(Alfa, 110m));
        Assert.Null(hamster.OnPrice(Alfa, 150m));
    }

    [Fact]
    public void Cheaper_by_compares_with_the_last_buy_not_the_recent_high()
    {
        var hamster = HoldingAt(100m);
        Assert.Null(hamster.OnPrice(Alfa, 105m));
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 99m)); // 1 % below 100, not below 105
    }

    [Fact]
    public void Last_buy_price_comes_from_the_fill_not_the_decision_price()
    {
        var hamster = Hamster();
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 100m)); // decided at 100
        hamster.OnFill(BuyFill(Alfa, 5m, 102m));                        // filled at 102: threshold 100.98

        Assert.Null(hamster.OnPrice(Alfa, 100.99m));
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 100.98m));
    }

    [Fact]
    public void Last_buy_price_is_the_latest_fill()
    {
        var hamster = HoldingAt(100m);
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 99m));
        hamster.OnFill(BuyFill(Alfa, 5m, 99m)); // threshold now 98.01

        Assert.Null(hamster.OnPrice(Alfa, 98.02m));
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 98.01m));
    }

    [Fact]
    public void A_rejected_buy_keeps_comparing_with_the_old_last_buy_price()
    {
        var hamster = HoldingAt(100m);
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 99m));
        // rejected: OnFill is never called, so the last buy price stays 100 (not 99, threshold 98.01)

        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 99m));
    }

    [Fact]
    public void A_rejected_first_buy_leaves_it_without_a_last_buy_so_it_buys_again()
    {
        var hamster = Hamster();
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 100m));
        // rejected

        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 130m));
    }

    [Fact]
    public void Crash_exactly_at_threshold_sells_everything_held()
    {
        var hamster = HoldingAt(100m);
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 99m));
        hamster.OnFill(BuyFill(Alfa, 5m, 99m));

        // window max 100, crash 10 %: threshold 90
        Assert.Equal(TradeIntent.Sell(10m), hamster.OnPrice(Alfa, 90.00m));
    }

    [Fact]
    public void Just_above_the_crash_threshold_does_not_sell()
    {
        // cheaper-by 50 % so that the fall alone does not trigger a buy
        Assert.Null(HoldingAt(100m, cheaperBy: 50m).OnPrice(Alfa, 90.01m));
    }

    [Fact]
    public void Crash_is_measured_against_the_highest_price_in_the_crash_window()
    {
        var hamster = HoldingAt(100m, cheaperBy: 50m);
        Assert.Null(hamster.OnPrice(Alfa, 120m));
        Assert.Null(hamster.OnPrice(Alfa, 110m));
        Assert.Equal(TradeIntent.Sell(5m), hamster.OnPrice(Alfa, 108m)); // 120 * 0.9 = 108
    }

    [Fact]
    public void A_high_within_the_crash_window_still_counts()
    {
        // crash window 4: [100, 95, 95, 90], max 100, threshold 90
        var hamster = HoldingAt(100m, crashWindow: 4, cheaperBy: 50m);
        Assert.Null(hamster.OnPrice(Alfa, 95m));
        Assert.Null(hamster.OnPrice(Alfa, 95m));
        Assert.Equal(TradeIntent.Sell(5m), hamster.OnPrice(Alfa, 90m));
    }

    [Fact]
    public void A_high_older_than_the_crash_window_no_longer_counts()
    {
        // crash window 3: [95, 95, 90], max 95, threshold 85.50
        var hamster = HoldingAt(100m, crashWindow: 3, cheaperBy: 50m);
        Assert.Null(hamster.OnPrice(Alfa, 95m));
        Assert.Null(hamster.OnPrice(Alfa, 95m));
        Assert.Null(hamster.OnPrice(Alfa, 90m));
    }

    [Fact]
    public void Crash_while_flat_does_not_sell()
    {
        var hamster = Hamster(cheaperBy: 50m);
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 100m));
        // rejected: still flat

        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 50m));
    }

    [Fact]
    public void A_rejected_panic_sale_keeps_the_position_and_sells_again()
    {
        var hamster = HoldingAt(100m);
        Assert.Equal(TradeIntent.Sell(5m), hamster.OnPrice(Alfa, 90m));
        // rejected: no OnFill, no cooldown

        Assert.Equal(TradeIntent.Sell(5m), hamster.OnPrice(Alfa, 89m));
    }

    [Fact]
    public void After_a_panic_sale_it_sits_out_exactly_cooldown_prices_then_buys()
    {
        var hamster = JustPanicSold(cooldown: 3);

        Assert.Null(hamster.OnPrice(Alfa, 80m));
        Assert.Null(hamster.OnPrice(Alfa, 70m));
        Assert.Null(hamster.OnPrice(Alfa, 60m));
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 200m)); // last buy forgotten: buys at any price
    }

    [Fact]
    public void With_cooldown_zero_it_buys_on_the_next_price_after_a_panic_sale()
    {
        var hamster = JustPanicSold(cooldown: 0);

        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 150m));
    }

    [Fact]
    public void After_the_cooldown_the_old_last_buy_price_is_forgotten()
    {
        var hamster = JustPanicSold(cooldown: 1);
        Assert.Null(hamster.OnPrice(Alfa, 90m));
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 120m));
        hamster.OnFill(BuyFill(Alfa, 5m, 120m));

        Assert.Null(hamster.OnPrice(Alfa, 118.81m));
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 118.80m)); // compares with the new buy at 120
    }

    [Fact]
    public void A_partial_sell_fill_does_not_start_a_cooldown()
    {
        var hamster = HoldingAt(100m);
        hamster.OnFill(SellFill(Alfa, 2m, 100m));

        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(Alfa, 99m)); // still remembers its buy at 100
    }

    [Fact]
    public void Assets_keep_independent_state()
    {
        const string beta = "BETA";
        var hamster = JustPanicSold(cooldown: 5);      // ALFA is cooling down

        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(beta, 150m)); // first sight of BETA
        hamster.OnFill(BuyFill(beta, 5m, 150m));
        Assert.Null(hamster.OnPrice(Alfa, 80m));                         // ALFA still cooling down
        Assert.Null(hamster.OnPrice(beta, 149m));                        // BETA compares with its own 150
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(beta, 148.50m));
    }

    [Fact]
    public void Crash_windows_of_assets_are_independent()
    {
        const string beta = "BETA";
        var hamster = HoldingAt(100m, cheaperBy: 50m);
        Assert.Equal(TradeIntent.Buy(5m), hamster.OnPrice(beta, 90m));
        hamster.OnFill(BuyFill(beta, 5m, 90m));

        Assert.Null(hamster.OnPrice(beta, 85m)); // ALFA's 100 is not in BETA's window (threshold 81)
    }
}
