using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class AccountTests
{
    private const string Alfa = "ALFA";

    private static Fill Fill(Side side, decimal quantity, decimal price, decimal fee = 0m)
        => new(0, "bot", Alfa, side, quantity, price, fee);

    [Fact]
    public void A_new_account_holds_its_initial_cash_and_nothing_else()
    {
        var account = new Account("bot", 500m);

        Assert.Equal("bot", account.Bot);
        Assert.Equal(500m, account.InitialCash);
        Assert.Equal(500m, account.Cash);
        Assert.Empty(account.Positions);
        Assert.Equal(Position.Flat, account.PositionIn(Alfa));
        Assert.Equal(0, account.TradeCount);
        Assert.Equal(0m, account.FeesPaid);
    }

    [Fact]
    public void Negative_initial_cash_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Account("bot", -0.01m));
    }

    [Fact]
    public void Check_accepts_an_order_it_can_take()
    {
        var account = new Account("bot", 1000m);
        Assert.Null(account.Check(new Order("bot", Alfa, Side.Buy, 10m), 100m, 0m));
    }

    [Theory]
    [InlineData(999.99, 0, RejectReason.InsufficientCash)]
    [InlineData(1000, 0, null)]
    [InlineData(1004.99, 0.5, RejectReason.InsufficientCash)]
    [InlineData(1005, 0.5, null)]
    public void Check_compares_cash_with_notional_plus_fee(double cash, double feePercent, RejectReason? expected)
    {
        var account = new Account("bot", (decimal)cash);
        var problem = account.Check(new Order("bot", Alfa, Side.Buy, 10m), 100m, (decimal)feePercent);
        Assert.Equal(expected, problem?.Reason);
    }

    [Fact]
    public void Applying_a_buy_and_a_sell_moves_cash_position_trades_and_fees()
    {
        var account = new Account("bot", 1000m);

        account.Apply(Fill(Side.Buy, 4m, 100m, fee: 2m));
        Assert.Equal(598m, account.Cash);
        Assert.Equal(new Position(4m, 100m), account.PositionIn(Alfa));

        account.Apply(Fill(Side.Sell, 1m, 150m, fee: 1.5m));
        Assert.Equal(746.5m, account.Cash);
        Assert.Equal(new Position(3m, 100m), account.PositionIn(Alfa));
        Assert.Equal(2, account.TradeCount);
        Assert.Equal(3.5m, account.FeesPaid);
    }

    [Fact]
    public void Position_average_entry_price_is_quantity_weighted_and_kept_by_sales()
    {
        var position = Position.Flat.Bought(1m, 10m).Bought(3m, 20m);
        Assert.Equal(new Position(4m, 17.5m), position);
        Assert.Equal(new Position(1m, 17.5m), position.Sold(3m));
        Assert.True(position.Sold(4m).IsFlat);
        Assert.Equal(Position.Flat, position.Sold(4m));
    }

    [Theory]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 1, 10)]
    [InlineData(118.42, 0.1, 0.11842)]
    public void Fee_is_a_percentage_of_the_notional(double notional, double feePercent, double expected)
    {
        Assert.Equal((decimal)expected, Fees.For((decimal)notional, (decimal)feePercent));
    }
}
