using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Tests.Settings;

/// <summary>HOCON scenarios of market data: the files they name, their formats, and mistakes named by their full key.</summary>
public sealed class MarketDataScenarioReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("akka-trading-hocon-data-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Files_are_found_beside_the_scenario_and_read_in_their_formats()
    {
        Write("data/alfa.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,10,9,5\n2024-01-03,1,1,1,null,null,0\n" +
            "2024-01-04,1,1,1,12,11,5\n");
        Write("data/beta.csv", "ts,x\n1704153600000,50\n1704240000000,51\n");
        var scenario = Write("s.hocon", """
            data {
              description = "two assets"
              assets = [
                { asset = ALFA, file = data/alfa.csv, format = yahoo, price = adj-close }
                { asset = BETA, file = "data/beta.csv", format = generic, time-column = ts, price-column = x, epoch = ms }
              ]
            }
            """);

        var source = ScenarioFiles.Open(scenario);

        Assert.Equal(["ALFA", "BETA"], source.Outline.Assets);
        Assert.Equal(["ALFA 9 BETA 50", "BETA 51", "ALFA 11"],
            source.Steps().Select(s => string.Join(" ", s.Prices.Select(p => $"{p.Asset} {p.Price}"))));
        Assert.Equal("2024-01-02 to 2024-01-04 (3 bars, 252 a year)", source.Outline.Timeline!.Describe());
        var alfa = Path.Combine(_dir, "data/alfa.csv");
        Assert.Equal([$"{alfa}: skipped 1 row without a price ('null'), the first on line 3"], source.Warnings);
        Assert.Equal([alfa, Path.Combine(_dir, "data/beta.csv")], source.DataFiles);
    }

    [Theory]
    [InlineData("{ asset = A, file = a.csv, format = csv }", "'data.assets[0].format' must be yahoo or generic, not 'csv'")]
    [InlineData("{ asset = A, file = a.csv, price = last }",
        "'data.assets[0].price' must be one of close, adj-close, open, high, low, not 'last'")]
    [InlineData("{ asset = A, file = a.csv, format = generic, price = close }", "'data.assets[0].price' is not a known setting")]
    [InlineData("{ asset = A, file = a.csv, format = generic, epoch = ms, date-format = yyyy }",
        "'data.assets[0].epoch' cannot be given with 'date-format'")]
    [InlineData("{ asset = A, file = a.csv, format = generic, epoch = days }", "'data.assets[0].epoch' must be one of s, ms, us, ns")]
    [InlineData("{ asset = A }", "'data.assets[0].file' is missing")]
    [InlineData("{ asset = A, file = a.csv, format = generic, date-format = \"%\" }",
        "'data.assets[0].date-format' is not a .NET date format")]
    [InlineData("{ asset = \"A B\", file = a.csv }", "'data.assets[0].asset' must be a name")]
    public void A_mistake_names_the_scenario_file_and_the_full_key(string asset, string message)
    {
        var scenario = Write("bad.hocon", $"data {{ assets = [ {asset} ] }}");

        var e = Assert.Throws<ScenarioException>(() => ScenarioFiles.Open(scenario));

        Assert.StartsWith($"{scenario}: {message}", e.Message);
    }

    [Fact]
    public void A_mistake_in_a_data_file_names_that_file_and_line()
    {
        var file = Write("a.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,10,9,5\n2024-01-02,1,1,1,11,9,5\n");
        var scenario = Write("s.hocon", "data { assets = [ { asset = A, file = a.csv } ] }");

        var e = Assert.Throws<ScenarioException>(() => ScenarioFiles.Open(scenario));

        Assert.Equal((file, 3), (e.File, e.Line));
    }

    [Fact]
    public void The_risk_free_rate_is_optional_and_read_strictly()
    {
        Assert.Equal(0m, TradingConfig.FromText(null).Settings.Statistics.RiskFreeRatePercent);
        Assert.Equal(4.5m, TradingConfig.FromText("akka-trading.statistics.risk-free-rate-percent = 4.5").Settings.Statistics
            .RiskFreeRatePercent);
        Assert.Contains("'akka-trading.statistics.risk-free-rate-percent' must be > -100",
            Assert.Throws<SettingsException>(() => TradingConfig.FromText("akka-trading.statistics.risk-free-rate-percent = -100"))
                .Message);
        Assert.Contains("'akka-trading.statistics.sharpe' is not a known setting",
            Assert.Throws<SettingsException>(() => TradingConfig.FromText("akka-trading.statistics.sharpe = 1")).Message);
    }
}
