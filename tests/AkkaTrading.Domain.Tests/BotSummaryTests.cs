using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class BotSummaryTests
{
    private static Fill Fill(string asset, Side side, decimal quantity, decimal price, decimal fee = 0m)
        => new(0, "bot", asset, side, quantity, price, fee);

    [Fact]
    public void A_bot_that_never_traded_has_its_initial_cash_as_equity_and_no_profit()
    {
        var summary = BotSummary.Of(new Account("bot", 1000m), new Dictionary<string, decimal> { ["ALFA"] = 10m });

        Assert.Equal("bot", summary.Bot);
        Assert.Equal(1000m, summary.InitialCash);
        Assert.Equal(1000m, summary.Cash);
        Assert.Empty(summary.Positions);
        Assert.Equal(1000m, summary.Equity);
        Assert.Equal(0m, summary.ProfitLoss);
        Assert.Equal(0, summary.Trades);
        Assert.Equal(0m, summary.ReturnPercent);
    }

    [Fact]
    public void Equity_is_cash_plus_positions_at_last_prices()
    {
        var account = new Account("bot", 10_000m);
        account.Apply(Fill("BETA", Side.Buy, 5m, 50m, fee: 2.5m));
        account.Apply(Fill("ALFA", Side.Buy, 10m, 100m));

        var summary = BotSummary.Of(account, new Dictionary<string, decimal> { ["ALFA"] = 110m, ["BETA"] = 40m });

        Assert.Equal(8_747.5m, summary.Cash);
        Assert.Equal(8_747.5m + 1_100m + 200m, summary.Equity);
        Assert.Equal(47.5m, summary.ProfitLoss);
        Assert.Equal(0.475m, summary.ReturnPercent);
        Assert.Equal(2, summary.Trades);
        Assert.Equal(2.5m, summary.FeesPaid);
        Assert.Equal(
            [new PositionSummary("ALFA", 10m, 100m, 110m, 1_100m), new PositionSummary("BETA", 5m, 50m, 40m, 200m)],
            summary.Positions);
    }

    [Fact]
    public void A_position_without_a_last_price_is_valued_at_its_entry_price()
    {
        var account = new Account("bot", 1000m);
        account.Apply(Fill("ALFA", Side.Buy, 4m, 25m));

        var summary = BotSummary.Of(account, new Dictionary<string, decimal>());

        Assert.Equal(new PositionSummary("ALFA", 4m, 25m, null, 100m), Assert.Single(summary.Positions));
        Assert.Equal(1000m, summary.Equity);
        Assert.Equal(0m, summary.ProfitLoss);
    }

    [Fact]
    public void A_round_trip_realises_its_profit_into_cash()
    {
        var account = new Account("bot", 1000m);
        account.Apply(Fill("ALFA", Side.Buy, 10m, 50m));
        account.Apply(Fill("ALFA", Side.Sell, 10m, 60m, fee: 1m));

        var summary = BotSummary.Of(account, new Dictionary<string, decimal> { ["ALFA"] = 1m });

        Assert.Empty(summary.Positions);
        Assert.Equal(1099m, summary.Equity);
        Assert.Equal(99m, summary.ProfitLoss);
        Assert.Equal(9.9m, summary.ReturnPercent);
    }

    [Fact]
    public void A_loss_is_negative()
    {
        var account = new Account("bot", 1000m);
        account.Apply(Fill("ALFA", Side.Buy, 10m, 50m));

        var summary = BotSummary.Of(account, new Dictionary<string, decimal> { ["ALFA"] = 45m });

        Assert.Equal(-50m, summary.ProfitLoss);
        Assert.Equal(-5m, summary.ReturnPercent);
    }

    [Fact]
    public void Return_is_zero_without_initial_cash()
    {
        Assert.Equal(0m, BotSummary.Of(new Account("bot", 0m), new Dictionary<string, decimal>()).ReturnPercent);
    }
}
