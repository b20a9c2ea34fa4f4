using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

/// <summary>The ledger at the edges of what configuration and orders allow: the largest values work, one past is refused cleanly.</summary>
public class LedgerLimitsTests
{
    private const decimal MaxPrice = 1_000_000_000m;           // the configuration's largest price
    private const decimal MaxOrder = 1_000_000_000m;           // the configuration's largest order quantity
    private const decimal MaxInitialCash = 1_000_000_000_000_000m;
    private const decimal MaxPosition = 1_000_000_000_000_000m; // 10^15 units per asset
    private const decimal MaxCash = 1_000_000_000_000_000_000_000_000m; // 10^24

    private static ExchangeBook Book(decimal cash, decimal feePercent = 0m)
    {
        var book = new ExchangeBook(["ALFA", "BETA"], 10, feePercent);
        book.OpenAccount("bot", cash);
        return book;
    }

    private static OrderResult Submit(ExchangeBook book, Side side, decimal quantity, string asset = "ALFA") =>
        book.Submit(new Order("bot", asset, side, quantity), step: 1);

    private static void RejectedWithoutChange(ExchangeBook book, Side side, decimal quantity, string asset = "ALFA")
    {
        var account = book.AccountOf("bot")!;
        var before = (account.Cash, account.TradeCount, account.FeesPaid);
        var positions = account.Positions.ToDictionary();

        var result = Submit(book, side, quantity, asset);

        Assert.Null(result.Fill);
        Assert.Equal(RejectReason.ExceedsLimits, result.Rejection!.Reason);
        Assert.Contains("exceeds the largest position or cash supported", result.Rejection.Detail);
        Assert.Equal(before, (account.Cash, account.TradeCount, account.FeesPaid));
        Assert.Equal(positions, account.Positions.ToDictionary());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void The_largest_configured_cash_price_and_quantity_trade_at_any_fee(int feePercent)
    {
        var book = Book(MaxInitialCash, feePercent);
        book.RecordPrice("ALFA", MaxPrice);
        var quantity = feePercent == 0 ? MaxInitialCash / MaxPrice : MaxInitialCash / MaxPrice / 2;

        Assert.NotNull(Submit(book, Side.Buy, quantity).Fill);
        Assert.NotNull(Submit(book, Side.Sell, quantity).Fill);
        var account = book.AccountOf("bot")!;
        Assert.Equal(feePercent == 0 ? MaxInitialCash : 0m, account.Cash);
        book.CloseStep(1);
        Assert.Equal(account.Cash, BotSummary.Of(account, book.LastPrices()).Equity);
    }

    [Fact]
    public void Repeated_largest_buys_fill_up_to_the_largest_position_and_the_next_is_refused()
    {
        var book = Book(MaxInitialCash);
        book.RecordPrice("ALFA", 0.5m);
        Assert.NotNull(Submit(book, Side.Buy, MaxPosition - 1000 * MaxOrder).Fill);
        for (var buy = 0; buy < 1000; buy++)
            Assert.NotNull(Submit(book, Side.Buy, MaxOrder).Fill);

        Assert.Equal(MaxPosition, book.AccountOf("bot")!.PositionIn("ALFA").Quantity);
        Assert.Equal(MaxInitialCash / 2, book.AccountOf("bot")!.Cash);
        RejectedWithoutChange(book, Side.Buy, 1m);
    }

    [Fact]
    public void A_sale_that_would_take_cash_past_the_largest_supported_is_refused()
    {
        var book = Book(MaxCash);
        book.RecordPrice("ALFA", 1m);
        Assert.NotNull(Submit(book, Side.Buy, 10m).Fill);
        book.RecordPrice("ALFA", 2m);

        RejectedWithoutChange(book, Side.Sell, 10m);
        book.RecordPrice("ALFA", 1m);
        Assert.NotNull(Submit(book, Side.Sell, 10m).Fill);
        Assert.Equal(MaxCash, book.AccountOf("bot")!.Cash);
    }

    [Theory]
    [InlineData("10000000000000000000000000000")] // 10^28 units
    [InlineData("1000000000000001")]              // 10^15 + 1 units
    public void A_huge_order_is_refused_without_an_overflow(string quantity)
    {
        var book = Book(MaxInitialCash);
        book.RecordPrice("ALFA", MaxPrice);

        RejectedWithoutChange(book, Side.Buy, decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_price_beyond_the_largest_supported_is_not_recorded()
    {
        var book = Book(MaxInitialCash);

        Assert.True(book.RecordPrice("ALFA", MaxPrice));
        Assert.False(book.RecordPrice("ALFA", MaxPrice + 0.01m));
        Assert.Equal(MaxPrice, book.CurrentPrice("ALFA"));
    }

    [Fact]
    public void A_fill_whose_amounts_would_need_more_than_the_ledger_digits_is_refused_rather_than_rounded()
    {
        var book = Book(1000m);
        book.RecordPrice("ALFA", 0.1234567890123456789m);

        // 123456789012 × 0.1234567890123456789 has 31 significant digits: cash could not move by it exactly.
        RejectedWithoutChange(book, Side.Buy, 123_456_789_012m);
        Assert.NotNull(Submit(book, Side.Buy, 12m).Fill);
        Assert.Equal(1000m - 12m * 0.1234567890123456789m, book.AccountOf("bot")!.Cash);
        // 10^15 cash has no room left for 19 decimals: the same fill is refused there.
        var rich = Book(MaxInitialCash);
        rich.RecordPrice("ALFA", 0.1234567890123456789m);
        RejectedWithoutChange(rich, Side.Buy, 12m);
    }

    [Fact]
    public void A_take_profit_too_large_to_reach_holds_instead_of_overflowing()
    {
        var investor = new InvestorStrategy(new InvestorSettings(Window: 2, DipPercent: 0m, TakeProfitPercent: 1e27m, Quantity: 1m));
        Assert.Equal(TradeIntent.Buy(1m), investor.OnPrice("ALFA", MaxPrice));
        investor.OnFill(new Fill(0, "bot", "ALFA", Side.Buy, 1m, MaxPrice, 0m));

        Assert.Null(investor.OnPrice("ALFA", MaxPrice));
    }

    [Fact]
    public void Returns_from_a_tiny_start_saturate_instead_of_overflowing()
    {
        Assert.Equal(decimal.MaxValue, new AssetSummary("ALFA", 0.0000000000000000000000000001m, MaxPrice, 1m, MaxPrice).ReturnPercent);
        var account = new Accounts.Account("bot", 0.0000000000000000000000000001m);
        var summary = BotSummary.Of(account, new Dictionary<string, decimal>()) with { ProfitLoss = MaxCash };
        Assert.Equal(decimal.MaxValue, summary.ReturnPercent);
    }

    [Fact]
    public void Round_trip_statistics_survive_results_beyond_the_decimal_range()
    {
        var tracker = new PerformanceTracker(0m);
        const decimal quantity = 10_000_000_000_000_000_000m, price = 7_000_000_000m; // a notional of 7 × 10^28
        for (var i = 0; i < 3; i++)
        {
            tracker.OnFill(new Fill(i, "bot", "ALFA", Side.Buy, quantity, price, 0m));
            tracker.OnFill(new Fill(i, "bot", "ALFA", Side.Buy, quantity, price, 0m));
            tracker.OnFill(new Fill(i, "bot", "ALFA", Side.Sell, 2 * quantity, 1m, 0m));
        }

        var result = tracker.Result();
        Assert.Equal((3L, 0L, 3L), (result.RoundTrips, result.Wins, result.Losses));
        Assert.True(result.AverageLoss < -7e28m, $"{result.AverageLoss} is the loss of a trip whose cost passed decimal's range");
    }

    [Fact]
    public void The_average_win_survives_a_sum_beyond_the_decimal_range()
    {
        var tracker = new PerformanceTracker(0m);
        for (var i = 0; i < 20; i++)
        {
            tracker.OnFill(new Fill(i, "bot", "ALFA", Side.Buy, 1m, 1m, 0m));
            tracker.OnFill(new Fill(i, "bot", "ALFA", Side.Sell, 1m, 7e27m + 1m, 0m));
        }

        Assert.Equal(7e27m, tracker.Result().AverageWin);
    }
}
