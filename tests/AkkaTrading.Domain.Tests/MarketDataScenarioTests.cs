using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Tests;

/// <summary>Alone while it runs: the flat-memory test reads the process's heap, which tests running beside it would grow.</summary>
[CollectionDefinition(nameof(MarketDataScenarioTests), DisableParallelization = true)]
[Collection(nameof(MarketDataScenarioTests))]
public class MarketDataScenarioTests : IDisposable
{
    private readonly MarketDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static DateTime Day(string date) => DateTime.Parse(date + "T00:00:00Z").ToUniversalTime();

    private MarketDataAsset Yahoo(string asset, string file, string column = "Close") =>
        new(asset, file, MarketDataFormat.Yahoo(column));

    [Fact]
    public void Files_are_aligned_by_date_with_gaps_holidays_and_null_rows_leaving_an_asset_without_a_price()
    {
        // ALFA trades Mon 1 to Fri 5 January but not on Wednesday's holiday; BETA starts on Tuesday and has a null Thursday.
        var alfa = _files.Yahoo("alfa.csv", ("2024-01-01", 10m), ("2024-01-02", 11m), ("2024-01-04", 12m), ("2024-01-05", 13m),
            ("2024-01-08", 14m));
        var beta = _files.Yahoo("beta.csv", ("2024-01-02", 20m), ("2024-01-03", 21m), ("2024-01-04", null), ("2024-01-05", 23m));
        var skipped = new List<(string, int)>();

        var steps = new MarketDataScenario([Yahoo("BETA", beta), Yahoo("ALFA", alfa)]).Steps((a, line) => skipped.Add((a.Asset, line)))
            .ToList();

        Assert.Equal(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08"],
            steps.Select(s => s.Time!.Value.ToString("yyyy-MM-dd")));
        Assert.Equal([0L, 1, 2, 3, 4, 5], steps.Select(s => s.Step));
        // Within a step, the assets come in the order listed (BETA first), whatever the files' order.
        Assert.Equal(["ALFA 10", "BETA 20 ALFA 11", "BETA 21", "ALFA 12", "BETA 23 ALFA 13", "ALFA 14"],
            steps.Select(s => string.Join(" ", s.Prices.Select(p => $"{p.Asset} {p.Price}"))));
        Assert.Equal([("BETA", 4)], skipped);
    }

    [Fact]
    public void The_price_column_is_chosen_and_the_yahoo_dates_make_a_daily_timeline()
    {
        var alfa = _files.Yahoo("alfa.csv", ("2024-01-01", 10m), ("2024-01-02", 11m), ("2024-01-05", 13m));

        var steps = new MarketDataScenario([Yahoo("ALFA", alfa, "Adj Close")]).Steps().ToList();
        var timeline = ScenarioSteps.Outline(steps).Timeline!;

        Assert.Equal([9.5m, 10.5m, 12.5m], steps.Select(s => s.Prices[0].Price));
        Assert.Equal(new Timeline(Day("2024-01-01"), Day("2024-01-05"), 3, 252, DatesOnly: true), timeline);
        Assert.Equal("2024-01-05", timeline.Format(timeline.Last));
    }

    [Theory]
    [InlineData("time,price\n2024-01-02T14:30:00Z,10\n2024-01-02 15:30,11\n2024-01-02T17:30:00+01:00,12\n", null, null)]
    [InlineData("time,price\n1704205800000,10\n1704209400000,11\n1704213000000,12\n", null, EpochUnit.Milliseconds)]
    [InlineData("time,price\n1704205800,10\n1704209400,11\n1704213000,12\n", null, EpochUnit.Seconds)]
    [InlineData("time,price\n02.01.2024 14:30,10\n02.01.2024 15:30,11\n\"02.01.2024 16:30\",\"12\"\n", "dd.MM.yyyy HH:mm", null)]
    public void Generic_files_take_iso_dates_a_date_format_or_epoch_numbers_as_utc(string content, string? dateFormat, EpochUnit? epoch)
    {
        var file = _files.Write("ticks.csv", content);

        var steps = new MarketDataScenario([new("ALFA", file, MarketDataFormat.Generic with { DateFormat = dateFormat, Epoch = epoch })])
            .Steps().ToList();
        var timeline = ScenarioSteps.Outline(steps).Timeline!;

        Assert.Equal(["2024-01-02T14:30:00Z", "2024-01-02T15:30:00Z", "2024-01-02T16:30:00Z"],
            steps.Select(s => timeline.Format(s.Time!.Value)));
        Assert.False(timeline.DatesOnly);
        Assert.Equal(252 * 3, timeline.BarsPerYear); // intraday: three bars on the one date there is
    }

    [Fact]
    public void Named_columns_are_found_whatever_their_place_and_case()
    {
        var file = _files.Write("x.csv", "Volume,Last,Timestamp\n5,10.5,2024-01-02\n6,11.5,2024-01-09\n");

        var steps = new MarketDataScenario([new("ALFA", file, new MarketDataFormat("timestamp", "last"))]).Steps().ToList();

        Assert.Equal([10.5m, 11.5m], steps.Select(s => s.Prices[0].Price));
        Assert.Equal(52, ScenarioSteps.Outline(steps).Timeline!.BarsPerYear); // weekly
    }

    [Theory]
    [InlineData("2024-01-02,1,1,1,10,10,0\n2024-13-03,1,1,1,10,10,0\n", 3, "timestamp '2024-13-03' is not in the format yyyy-MM-dd")]
    [InlineData("2024-01-03,1,1,1,10,10,0\n2024-01-02,1,1,1,10,10,0\n", 3, "comes before the one above it")]
    [InlineData("2024-01-03,1,1,1,10,10,0\n2024-01-03,1,1,1,11,11,0\n", 3, "repeats the one before it")]
    [InlineData("2024-01-02,1,1,1,10,10,0\n2024-01-03,1,1,1,0,10,0\n", 3, "price 0 is not positive")]
    [InlineData("2024-01-02,1,1,1,-5,10,0\n", 2, "price -5 is not positive")]
    [InlineData("2024-01-02,1,1,1,abc,10,0\n", 2, "price 'abc' is not a decimal number")]
    [InlineData("2024-01-02,1,1\n", 2, "expected at least 5 fields but found 3")]
    public void A_bad_row_is_an_error_naming_the_file_and_line(string rows, int line, string problem)
    {
        var file = _files.Write("bad.csv", MarketDataFiles.YahooHeader + "\n" + rows);

        var e = Assert.Throws<ScenarioException>(() => new MarketDataScenario([Yahoo("ALFA", file)]).Steps().ToList());

        Assert.Equal(file, e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"{file}, line {line}: ", e.Message);
    }

    [Fact]
    public void A_missing_column_is_an_error_on_the_header_line_naming_the_column_and_those_there_are()
    {
        var file = _files.Write("bad.csv", "Date,Open,High,Low,Close,Volume\n2024-01-02,1,1,1,10,0\n");

        var e = Assert.Throws<ScenarioException>(() => new MarketDataScenario([Yahoo("ALFA", file, "Adj Close")]).Steps().ToList());

        Assert.Equal(1, e.Line);
        Assert.Contains("there is no column 'Adj Close'; the header has: Date, Open, High, Low, Close, Volume", e.Message);
    }

    [Fact]
    public void An_error_in_a_later_file_names_that_file()
    {
        var good = _files.Yahoo("good.csv", ("2024-01-02", 10m), ("2024-01-03", 11m));
        var bad = _files.Write("bad.csv", MarketDataFiles.YahooHeader + "\n2024-01-02,1,1,1,10,10,0\nyesterday,1,1,1,10,10,0\n");

        var e = Assert.Throws<ScenarioException>(() => new MarketDataScenario([Yahoo("ALFA", good), Yahoo("BETA", bad)]).Steps().ToList());

        Assert.Equal((bad, 3), (e.File, e.Line));
    }

    [Fact]
    public void A_file_without_prices_or_missing_is_an_error_naming_it()
    {
        var empty = _files.Yahoo("empty.csv", ("2024-01-02", null));
        var missing = Path.Combine(_files.Dir, "missing.csv");

        Assert.Contains("holds no prices", Assert.Throws<ScenarioException>(() =>
            new MarketDataScenario([Yahoo("ALFA", empty)]).Steps().ToList()).Message);
        Assert.Equal($"{missing}: no such file", Assert.Throws<ScenarioException>(() =>
            new MarketDataScenario([Yahoo("ALFA", missing)]).Steps().ToList()).Message);
    }

    [Fact]
    public void A_long_history_is_merged_in_flat_memory()
    {
        // Two files of 400,000 minute bars each (about 15 MB of text): memory after reading most of them must not have grown
        // with them.
        const int rows = 400_000;
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        string Generate(string name, int offset)
        {
            var path = Path.Combine(_files.Dir, name);
            using var writer = new StreamWriter(path);
            writer.Write("time,price\n");
            for (var i = 0; i < rows; i++) writer.Write($"{start.AddMinutes(2 * i + offset):yyyy-MM-ddTHH:mm:ssZ},{100 + i % 50}.25\n");
            return path;
        }
        var scenario = new MarketDataScenario([new("ALFA", Generate("a.csv", 0), MarketDataFormat.Generic),
            new("BETA", Generate("b.csv", 1), MarketDataFormat.Generic)]);

        long steps = 0, baseline = 0, largest = 0;
        foreach (var _ in scenario.Steps())
        {
            if (++steps == 10_000) baseline = GC.GetTotalMemory(forceFullCollection: true);
            if (steps % 200_000 == 0) largest = Math.Max(largest, GC.GetTotalMemory(forceFullCollection: true));
        }

        Assert.Equal(2L * rows, steps);
        Assert.True(largest - baseline < 4 * 1024 * 1024, $"memory grew by {(largest - baseline) / 1024} KB while reading");
    }
}
