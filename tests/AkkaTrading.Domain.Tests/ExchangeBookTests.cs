using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class ExchangeBookTests
{
    private const string Bot = "investor";
    private const string Alfa = "ALFA";
    private const string Beta = "BETA";

    private static ExchangeBook Book(decimal feePercent = 0m, int historySize = 1000, decimal cash = 10_000m)
    {
        var book = new ExchangeBook([Alfa, Beta], historySize, feePercent);
        book.OpenAccount(Bot, cash);
        return book;
    }

    private static Order Buy(decimal quantity, string asset = Alfa, string bot = Bot) => new(bot, asset, Side.Buy, quantity);
    private static Order Sell(decimal quantity, string asset = Alfa, string bot = Bot) => new(bot, asset, Side.Sell, quantity);

    private static Fill Filled(OrderResult result)
    {
        Assert.Null(result.Rejection);
        return Assert.IsType<Fill>(result.Fill);
    }

    private static Rejection Rejected(OrderResult result, RejectReason reason)
    {
        Assert.Null(result.Fill);
        var rejection = Assert.IsType<Rejection>(result.Rejection);
        Assert.Equal(reason, rejection.Reason);
        return rejection;
    }

    /// <summary>Submits an order that must be rejected and checks that the account did not change.</summary>
    private static Rejection RejectedWithoutChange(ExchangeBook book, Order order, RejectReason reason)
    {
        var account = book.AccountOf(Bot)!;
        var cash = account.Cash;
        var positions = account.Positions.ToDictionary();
        var trades = account.TradeCount;
        var fees = account.FeesPaid;

        var rejection = Rejected(book.Submit(order, step: 7), reason);

        Assert.Equal(7, rejection.Step);
        Assert.Equal(order, rejection.Order);
        Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
        Assert.Equal(cash, account.Cash);
        Assert.Equal(positions, account.Positions.ToDictionary());
        Assert.Equal(trades, account.TradeCount);
        Assert.Equal(fees, account.FeesPaid);
        return rejection;
    }

    [Fact]
    public void A_buy_fills_at_the_current_price()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        book.RecordPrice(Alfa, 118.42m);

        var fill = Filled(book.Submit(Buy(7m), step: 3));

        Assert.Equal(new Fill(3, Bot, Alfa, Side.Buy, 7m, 118.42m, 0m), fill);
        var account = book.AccountOf(Bot)!;
        Assert.Equal(10_000m - 7m * 118.42m, account.Cash);
        Assert.Equal(new Accounts.Position(7m, 118.42m), account.PositionIn(Alfa));
        Assert.Equal(1, account.TradeCount);
    }

    [Fact]
    public void A_sell_fills_at_the_current_price()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(10m), 0));
        book.RecordPrice(Alfa, 110m);

        var fill = Filled(book.Submit(Sell(4m), 1));

        Assert.Equal(new Fill(1, Bot, Alfa, Side.Sell, 4m, 110m, 0m), fill);
        var account = book.AccountOf(Bot)!;
        Assert.Equal(10_000m - 1000m + 440m, account.Cash);
        Assert.Equal(new Accounts.Position(6m, 100m), account.PositionIn(Alfa));
        Assert.Equal(2, account.TradeCount);
    }

    [Fact]
    public void A_buy_pays_notional_plus_fee()
    {
        var book = Book(feePercent: 1m);
        book.RecordPrice(Alfa, 100m);

        var fill = Filled(book.Submit(Buy(10m), 0));

        Assert.Equal(10m, fill.Fee);
        Assert.Equal(10_000m - 1000m - 10m, book.AccountOf(Bot)!.Cash);
        Assert.Equal(10m, book.AccountOf(Bot)!.FeesPaid);
    }

    [Fact]
    public void A_sell_receives_notional_minus_fee()
    {
        var book = Book(feePercent: 1m);
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(10m), 0));
        book.RecordPrice(Alfa, 120m);

        var fill = Filled(book.Submit(Sell(10m), 1));

        Assert.Equal(12m, fill.Fee);
        Assert.Equal(10_000m - 1010m + 1200m - 12m, book.AccountOf(Bot)!.Cash);
        Assert.Equal(22m, book.AccountOf(Bot)!.FeesPaid);
    }

    [Fact]
    public void Fees_do_not_change_the_average_entry_price()
    {
        var book = Book(feePercent: 1m);
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(10m), 0));

        Assert.Equal(100m, book.AccountOf(Bot)!.PositionIn(Alfa).AverageEntryPrice);
    }

    [Fact]
    public void Unknown_bot_is_rejected()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);

        Rejected(book.Submit(Buy(1m, bot: "stranger"), 0), RejectReason.UnknownBot);
        Assert.Null(book.AccountOf("stranger"));
    }

    [Fact]
    public void Unknown_asset_is_rejected_without_change()
    {
        var book = Book();
        RejectedWithoutChange(book, Buy(1m, asset: "ORCL"), RejectReason.UnknownAsset);
    }

    [Fact]
    public void An_asset_without_a_price_yet_is_rejected_without_change()
    {
        var book = Book();
        book.RecordPrice(Beta, 50m);
        RejectedWithoutChange(book, Buy(1m), RejectReason.NoPrice);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1.5)]
    public void A_quantity_that_is_not_a_positive_whole_number_is_rejected_without_change(double quantity)
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(5m), 0));

        RejectedWithoutChange(book, Buy((decimal)quantity), RejectReason.InvalidQuantity);
        RejectedWithoutChange(book, Sell((decimal)quantity), RejectReason.InvalidQuantity);
    }

    [Fact]
    public void A_whole_quantity_written_with_decimals_is_valid()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(2.0m), 0));
    }

    [Fact]
    public void Buying_with_exactly_enough_cash_fills()
    {
        var book = Book(cash: 1000m);
        book.RecordPrice(Alfa, 100m);

        Filled(book.Submit(Buy(10m), 0));
        Assert.Equal(0m, book.AccountOf(Bot)!.Cash);
    }

    [Fact]
    public void Buying_one_cent_short_is_rejected_without_change()
    {
        var book = Book(cash: 999.99m);
        book.RecordPrice(Alfa, 100m);

        RejectedWithoutChange(book, Buy(10m), RejectReason.InsufficientCash);
    }

    [Fact]
    public void Buying_with_exactly_enough_cash_for_notional_and_fee_fills()
    {
        var book = Book(feePercent: 1m, cash: 1010m);
        book.RecordPrice(Alfa, 100m);

        Filled(book.Submit(Buy(10m), 0));
        Assert.Equal(0m, book.AccountOf(Bot)!.Cash);
    }

    [Fact]
    public void Cash_for_the_notional_but_not_the_fee_is_rejected_without_change()
    {
        var book = Book(feePercent: 1m, cash: 1009.99m);
        book.RecordPrice(Alfa, 100m);

        RejectedWithoutChange(book, Buy(10m), RejectReason.InsufficientCash);
    }

    [Fact]
    public void Selling_exactly_everything_held_fills_and_closes_the_position()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(5m), 0));

        Filled(book.Submit(Sell(5m), 1));

        var account = book.AccountOf(Bot)!;
        Assert.True(account.PositionIn(Alfa).IsFlat);
        Assert.Empty(account.Positions);
        Assert.Equal(10_000m, account.Cash);
    }

    [Fact]
    public void Selling_more_than_held_is_rejected_without_change()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(5m), 0));

        RejectedWithoutChange(book, Sell(6m), RejectReason.InsufficientPosition);
    }

    [Fact]
    public void Selling_what_is_not_held_is_rejected_without_change()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        book.RecordPrice(Beta, 100m);
        Filled(book.Submit(Buy(5m, asset: Beta), 0));

        RejectedWithoutChange(book, Sell(1m), RejectReason.InsufficientPosition);
    }

    [Fact]
    public void Average_entry_price_is_quantity_weighted()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(10m), 0));
        book.RecordPrice(Alfa, 130m);
        Filled(book.Submit(Buy(20m), 1));

        Assert.Equal(new Accounts.Position(30m, 120m), book.AccountOf(Bot)!.PositionIn(Alfa));
    }

    [Fact]
    public void A_partial_sale_keeps_the_average_entry_price()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        Filled(book.Submit(Buy(10m), 0));
        book.RecordPrice(Alfa, 130m);
        Filled(book.Submit(Buy(20m), 1));
        book.RecordPrice(Alfa, 90m);
        Filled(book.Submit(Sell(25m), 2));

        Assert.Equal(new Accounts.Position(5m, 120m), book.AccountOf(Bot)!.PositionIn(Alfa));
    }

    [Fact]
    public void Without_fees_cash_plus_holdings_at_the_fill_price_is_conserved_by_every_fill()
    {
        var book = Book();
        var orders = new (string Asset, decimal Price, Order Order)[]
        {
            (Alfa, 100m, Buy(10m)),
            (Beta, 33.33m, Buy(7m, Beta)),
            (Alfa, 87.65m, Buy(3m)),
            (Beta, 41.07m, Sell(5m, Beta)),
            (Alfa, 120.01m, Sell(13m)),
        };
        var step = 0;
        foreach (var (asset, price, order) in orders)
        {
            book.RecordPrice(asset, price);
            var before = Worth(book);
            Filled(book.Submit(order, step++));
            Assert.Equal(before, Worth(book));
        }

        static decimal Worth(ExchangeBook book)
        {
            var account = book.AccountOf(Bot)!;
            return account.Cash + account.Positions.Sum(p => p.Value.Quantity * book.CurrentPrice(p.Key)!.Value);
        }
    }

    [Fact]
    public void Current_price_is_the_last_recorded_one_and_null_before_any()
    {
        var book = Book();
        Assert.Null(book.CurrentPrice(Alfa));
        Assert.Null(book.CurrentPrice("ORCL"));

        book.RecordPrice(Alfa, 100m);
        book.RecordPrice(Alfa, 101m);

        Assert.Equal(101m, book.CurrentPrice(Alfa));
        Assert.Null(book.CurrentPrice(Beta));
    }

    [Fact]
    public void History_holds_at_most_history_size_latest_prices_oldest_first()
    {
        var book = Book(historySize: 3);
        foreach (var price in new[] { 1m, 2m, 3m, 4m, 5m }) book.RecordPrice(Alfa, price);

        Assert.Equal([3m, 4m, 5m], book.History(Alfa, 10));
        Assert.Equal([4m, 5m], book.History(Alfa, 2));
        Assert.Empty(book.History(Alfa, 0));
    }

    [Fact]
    public void History_before_the_buffer_is_full_returns_what_was_seen()
    {
        var book = Book(historySize: 5);
        book.RecordPrice(Alfa, 1m);
        book.RecordPrice(Alfa, 2m);

        Assert.Equal([1m, 2m], book.History(Alfa, 10));
        Assert.Empty(book.History(Beta, 10));
        Assert.Empty(book.History("ORCL", 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_non_positive_price_is_not_recorded(double price)
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);

        Assert.False(book.RecordPrice(Alfa, (decimal)price));

        Assert.Equal(100m, book.CurrentPrice(Alfa));
        Assert.Equal([100m], book.History(Alfa, 10));
    }

    [Fact]
    public void A_price_of_an_unknown_asset_is_not_recorded()
    {
        var book = Book();

        Assert.False(book.RecordPrice("ORCL", 100m));

        Assert.Null(book.CurrentPrice("ORCL"));
        Assert.DoesNotContain("ORCL", book.LastPrices().Keys);
    }

    [Fact]
    public void Recording_a_valid_price_returns_true()
    {
        Assert.True(Book().RecordPrice(Alfa, 0.01m));
    }

    [Fact]
    public void Last_prices_lists_only_assets_that_have_a_price()
    {
        var book = Book();
        book.RecordPrice(Alfa, 100m);
        book.RecordPrice(Alfa, 105m);

        Assert.Equal(new Dictionary<string, decimal> { [Alfa] = 105m }, book.LastPrices());
    }

    [Fact]
    public void A_duplicate_asset_is_one_asset()
    {
        var book = new ExchangeBook([Beta, Alfa, Beta], 10, 0m);
        book.RecordPrice(Beta, 1m);
        book.RecordPrice(Beta, 2m);
        Assert.Equal([1m, 2m], book.History(Beta, 10));
    }

    [Fact]
    public void Accounts_are_listed_in_opening_order_and_a_second_account_for_a_bot_is_refused()
    {
        var book = Book();
        book.OpenAccount("hamster", 500m);

        Assert.Equal([Bot, "hamster"], book.Accounts.Select(a => a.Bot));
        Assert.Throws<ArgumentException>(() => book.OpenAccount(Bot, 1m));
        Assert.Equal(10_000m, book.AccountOf(Bot)!.Cash);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, -1)]
    [InlineData(10, 101)]
    public void Invalid_history_size_or_fee_is_refused(int historySize, double feePercent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExchangeBook([Alfa], historySize, (decimal)feePercent));
    }
}
