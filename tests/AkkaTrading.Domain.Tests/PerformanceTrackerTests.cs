using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class PerformanceTrackerTests
{
    private static Fill Buy(decimal quantity, decimal price, decimal fee = 0m, string asset = "ALFA")
        => new(0, "bot", asset, Side.Buy, quantity, price, fee);
    private static Fill Sell(decimal quantity, decimal price, decimal fee = 0m, string asset = "ALFA")
        => new(0, "bot", asset, Side.Sell, quantity, price, fee);

    [Fact]
    public void No_trades_no_round_trips_and_no_drawdown_when_equity_stays()
    {
        var tracker = new PerformanceTracker(1000m);
        tracker.OnStep(1000m, holding: false);
        tracker.OnStep(1000m, holding: false);

        Assert.Equal(new Performance(0, 0, 0, 0m, 0m, 0m, 0m, 2, 0, Returns: 2), tracker.Result());
        Assert.Equal(0m, tracker.Result().WinRatePercent);
        Assert.Equal(0m, tracker.Result().ExposurePercent);
    }

    [Fact]
    public void The_drawdown_is_measured_from_the_highest_equity_so_far_even_after_a_new_high()
    {
        var tracker = new PerformanceTracker(1000m);
        foreach (var equity in new[] { 1000m, 900m, 1200m, 1050m, 1100m, 960m, 1300m })
            tracker.OnStep(equity, holding: true);

        // 1000 → 900 is 100 (10%); after the new high 1200, 1200 → 960 is 240 (20%): the largest.
        var result = tracker.Result();
        Assert.Equal(240m, result.MaxDrawdown);
        Assert.Equal(20m, result.MaxDrawdownPercent);
        Assert.Equal(100m, result.ExposurePercent);
    }

    [Fact]
    public void A_round_trip_at_a_loss_counts_its_fees_and_a_partial_sale_does_not_close_it()
    {
        var tracker = new PerformanceTracker(1000m);
        tracker.OnFill(Buy(10, 10m, fee: 1m));   // costs 101
        tracker.OnFill(Sell(4, 9m, fee: 0.5m));  // brings 35.5, still holding 6
        Assert.Equal(0, tracker.Result().RoundTrips);
        tracker.OnFill(Sell(6, 9.5m, fee: 0.5m)); // brings 56.5: the trip lost 101 - 92 = 9

        var result = tracker.Result();
        Assert.Equal((1, 0, 1), (result.RoundTrips, result.Wins, result.Losses));
        Assert.Equal(-9m, result.AverageLoss);
        Assert.Equal(0m, result.WinRatePercent);
    }

    [Fact]
    public void Wins_and_losses_are_averaged_per_asset_round_trip_and_an_open_position_is_no_round_trip()
    {
        var tracker = new PerformanceTracker(1000m);
        tracker.OnFill(Buy(1, 10m));
        tracker.OnFill(Buy(1, 20m, asset: "BETA"));
        tracker.OnFill(Sell(1, 14m));                 // ALFA: +4
        tracker.OnFill(Buy(2, 10m));
        tracker.OnFill(Sell(2, 11m));                 // ALFA: +2
        tracker.OnFill(Buy(1, 50m, asset: "GAMMA"));  // still open at the end

        var result = tracker.Result();
        Assert.Equal((2, 2, 0), (result.RoundTrips, result.Wins, result.Losses));
        Assert.Equal(3m, result.AverageWin);
        Assert.Equal(100m, result.WinRatePercent);
    }

    [Fact]
    public void The_exchange_book_values_every_account_at_the_current_prices_after_each_step()
    {
        var book = new ExchangeBook(["ALFA"], 10, 0m);
        var account = book.OpenAccount("bot", 100m);
        book.RecordPrice("ALFA", 10m);
        book.Submit(new Order("bot", "ALFA", Side.Buy, 5), 0);
        book.CloseStep(0);                     // 50 cash + 5 × 10 = 100
        book.RecordPrice("ALFA", 6m);
        book.CloseStep(1);                     // 50 + 30 = 80: down 20 from 100
        book.RecordPrice("ALFA", 12m);
        book.CloseStep(2);                     // 110

        var result = book.Statistics!.Of(account.Bot);
        Assert.Equal((20m, 20m, 3L, 3L), (result.MaxDrawdown, result.MaxDrawdownPercent, result.Steps, result.ExposedSteps));
        Assert.Equal([new AssetSummary("ALFA", 10m, 12m, 6m, 12m)], book.AssetSummaries());
        Assert.Equal(20m, book.AssetSummaries()[0].ReturnPercent);
    }
}
