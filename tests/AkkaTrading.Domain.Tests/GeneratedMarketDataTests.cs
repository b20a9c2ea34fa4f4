using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Tests.Shared;
using CsCheck;

namespace AkkaTrading.Domain.Tests;

/// <summary>
/// On any text the market-data reader ends in time and memory with bars or a <see cref="ScenarioException"/>, nothing else.
/// </summary>
public sealed class GeneratedMarketDataTests
{
    private const string Yahoo = """
        Date,Open,High,Low,Close,Adj Close,Volume
        2024-01-02,104.339996,104.589996,103.169998,104.169998,103.314224,7357500
        2024-01-03,103.910004,104.839996,103.199997,103.470001,102.619972,6364800
        2024-01-04,null,null,null,null,null,null
        2024-01-05,103.5,104.1,102.9,"103.9",103.0,5000000
        """;

    private static readonly MarketDataFormat[] Formats =
        [MarketDataFormat.Yahoo(), MarketDataFormat.Yahoo("Adj Close"), new("Date", "Close", Epoch: EpochUnit.Nanoseconds),
            new("Date", "Close", "dd/MM/yyyy HH:mm:ss zzz"), new("Date", "Close", "%"), new("Date", "Close", "yyyy\\")];

    private static void Read(string text)
    {
        foreach (var format in Formats)
        {
            try
            {
                DateTime? previous = null;
                foreach (var bar in MarketDataFile.Read(new StringReader(text), "fuzz.csv", format))
                {
                    Assert.InRange(bar.Price, 0.0000000001m, Prices.Cents.MaxPrice);
                    Assert.True(previous is null || bar.Time > previous);
                    previous = bar.Time;
                }
            }
            catch (ScenarioException e) when (e.File == "fuzz.csv")
            {
            }
        }
    }

    [Fact]
    public void Random_text_is_read_or_refused() =>
        GeneratedInputs.Random.Select(text => "Date,Close\n" + text)
            .Sample(text => GeneratedInputs.EndsCleanly<ScenarioException>(text, Read), threads: 1);

    [Fact]
    public void Mutations_of_a_yahoo_download_are_read_or_refused() =>
        GeneratedInputs.Mutated(Yahoo).Sample(text => GeneratedInputs.EndsCleanly<ScenarioException>(text, Read), threads: 1);

    [Fact]
    public void A_line_without_end_is_refused_on_its_line_after_reading_only_its_start()
    {
        var e = Assert.Throws<ScenarioException>(() =>
            MarketDataFile.Read(new StringReader("Date,Close\n" + new string('9', 1 << 20)), "long.csv", MarketDataFormat.Yahoo())
                .ToList());
        Assert.Equal(("long.csv", (int?)2), (e.File, e.Line));
        Assert.Contains("the line is longer than 4096 characters", e.Message);
    }
}
