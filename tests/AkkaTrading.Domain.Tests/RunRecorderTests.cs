using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Tests;

public class RunRecorderTests
{
    [Fact]
    public void A_decimated_series_keeps_every_point_while_there_is_room_then_an_even_spread()
    {
        var series = new DecimatedSeries<int>(4);
        for (var i = 0; i < 4; i++) series.Add(i, i);
        Assert.Equal([0L, 1L, 2L, 3L], series.Points.Select(p => p.Step));

        for (var i = 4; i < 16; i++) series.Add(i, i);

        Assert.Equal(4, series.Stride);
        Assert.Equal([0L, 4L, 8L, 12L, 15L], series.Points.Select(p => p.Step)); // the latest always ends the series
    }

    [Fact]
    public void The_exchange_book_records_equity_prices_and_fills_per_step()
    {
        var recorder = new RunRecorder();
        var book = new ExchangeBook(["ALFA"], 10, 0m, recorder);
        book.OpenAccount("bot", 100m);
        book.RecordPrice("ALFA", 10m);
        book.Submit(new Order("bot", "ALFA", Side.Buy, 3), 0);
        book.CloseStep(0);
        book.RecordPrice("ALFA", 12m);
        book.CloseStep(1);

        var recording = recorder.Recording();
        Assert.Equal([(0L, (DateTime?)null, new EquityPoint(70m, 30m)), (1L, null, new EquityPoint(70m, 36m))],
            recording.Equity["bot"].ToArray());
        Assert.Equal([(0L, (DateTime?)null, 10m), (1L, null, 12m)], recording.Prices["ALFA"].ToArray());
        Assert.Equal(Side.Buy, Assert.Single(recording.Fills).Side);
        Assert.Equal(1, recording.Stride);
    }
}
