using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

/// <summary>After a server restart a strategy takes back its position and last buy price from the ledger, and decides as before.</summary>
public class StrategyResumeTests
{
    [Fact]
    public void A_resumed_investor_takes_profit_on_the_recovered_average_entry_price_and_does_not_buy_again()
    {
        var investor = new InvestorStrategy(new InvestorSettings(Window: 3, DipPercent: 5m, TakeProfitPercent: 10m, Quantity: 5));
        investor.Resume("ALFA", new Position(8, 100m), lastBuyPrice: 96m);
        Assert.Null(investor.OnPrice("ALFA", 109.99m));          // held: no second buy, no sale below +10%
        Assert.Equal(TradeIntent.Sell(8), investor.OnPrice("ALFA", 110m));
    }

    [Fact]
    public void A_resumed_hamster_buys_again_only_below_its_last_buy_and_panics_on_a_crash()
    {
        var settings = new HamsterSettings(Quantity: 5, CheaperByPercent: 1m, CrashWindow: 3, CrashPercent: 10m, Cooldown: 2);
        var hamster = new HamsterStrategy(settings);
        hamster.Resume("ALFA", new Position(10, 105m), lastBuyPrice: 100m);
        Assert.Null(hamster.OnPrice("ALFA", 99.5m));               // above last buy × 0.99
        Assert.Equal(TradeIntent.Buy(5), hamster.OnPrice("ALFA", 99m));
        Assert.Equal(TradeIntent.Sell(10), hamster.OnPrice("ALFA", 89m)); // 10% below the window's high of 99.5

        var unknown = new HamsterStrategy(settings);
        unknown.Resume("ALFA", new Position(10, 105m), lastBuyPrice: null); // the average entry price stands in
        Assert.Null(unknown.OnPrice("ALFA", 104m));
        Assert.Equal(TradeIntent.Buy(5), unknown.OnPrice("ALFA", 103.95m));
    }
}
