using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Tests.Settings;

public sealed class ScriptedScenarioReaderTests
{
    [Fact]
    public void It_reads_assets_segments_and_noise()
    {
        var scenario = ScriptedScenarioReader.FromText("""
            scenario {
              description = "test"
              assets = [
                { asset = ALFA, start = 100
                  noise { percent = 1, seed = 4 }
                  segments = [ { hold = 2 }, { to = 90, steps = 5 }, { jump = 50 } ] }
              ]
            }
            """, "s.hocon");
        var alfa = Assert.Single(scenario.Assets);
        Assert.Equal(new Noise(1m, 4), alfa.Noise);
        Assert.Equal<Segment>([new Segment.Hold(2), new Segment.Linear(90m, 5), new Segment.Jump(50m)], alfa.Segments);
    }

    [Theory]
    [InlineData("scenario { assets = [ { asset = ALFA, start = 0, segments = [] } ] }", "'scenario.assets[0].start' must be > 0")]
    [InlineData("scenario { assets = [ { asset = ALFA, start = 1, segments = [ { hold = 0 } ] } ] }",
        "'scenario.assets[0].segments[0].hold' must be ≥ 1")]
    [InlineData("scenario { assets = [ { asset = ALFA, start = 1, segments = [ { fly = 3 } ] } ] }",
        "'scenario.assets[0].segments[0]' must be one of")]
    [InlineData("scenario { assets = [ { asset = ALFA, start = 1, segments = [ { to = -3, steps = 2 } ] } ] }",
        "'scenario.assets[0].segments[0].to' must be > 0")]
    [InlineData("scenario { assets = [] }", "'scenario.assets' must list at least one asset")]
    [InlineData("scenario { assets = [ { asset = A, start = 1, segments = [] }, { asset = A, start = 1, segments = [] } ] }",
        "'scenario.assets' has asset 'A' twice")]
    [InlineData("scenario { assets = [ { asset = A, start = 1 } ] }", "'scenario.assets[0].segments' is missing")]
    [InlineData("scenario { assets = [ { asset = A, start = 7.9e28, segments = [] } ] }",
        "'scenario.assets[0].start' must be ≤ 1000000000, not 7.9e28")]
    [InlineData("scenario { assets = [ { asset = A, start = 1, segments = [ { to = 1000000000.01, steps = 1 } ] } ] }",
        "'scenario.assets[0].segments[0].to' must be ≤ 1000000000")]
    [InlineData("scenario { assets = [ { asset = A, start = 1, segments = [ { jump = 1e10 } ] } ] }",
        "'scenario.assets[0].segments[0].jump' must be ≤ 1000000000")]
    [InlineData("scenario { assets = [ { asset = A, start = 1, segments = [ { hold = 10000001 } ] } ] }",
        "'scenario.assets[0].segments[0].hold' must be ≤ 10000000, not 10000001")]
    [InlineData("scenario { assets = [ { asset = A, start = 1, segments = [ { hold = 9999999 }, { to = 2, steps = 1 } ] } ] }",
        "'scenario.assets[0].segments' add up to 10000001 steps; at most 10000000 per asset")]
    public void A_bad_scenario_is_refused_naming_the_key(string hocon, string message) =>
        Assert.StartsWith(message, Assert.Throws<SettingsException>(() => ScriptedScenarioReader.FromText(hocon, "s.hocon")).Message);

    [Fact]
    public void Opening_a_file_names_it_in_every_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.hocon");
        File.WriteAllText(path, "scenario {\n  assets = [\n");
        try
        {
            var error = Assert.Throws<ScenarioException>(() => ScenarioFiles.Open(path));
            Assert.Equal($"{path}: line 2: '[' is never closed", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_scenario_extension_or_a_missing_file_is_refused()
    {
        Assert.Equal("/no/such.csv: no such file", Assert.Throws<ScenarioException>(() => ScenarioFiles.Open("/no/such.csv")).Message);
        var path = Path.GetTempFileName();
        try
        {
            Assert.EndsWith("unknown scenario format '.tmp': use .csv or .hocon",
                Assert.Throws<ScenarioException>(() => ScenarioFiles.Open(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ten_million_steps_per_asset_are_accepted() =>
        Assert.Equal(10_000_000, ScriptedScenarioReader.FromText(
            "scenario { assets = [ { asset = A, start = 1, segments = [ { hold = 9999998 }, { jump = 2 } ] } ] }",
                "s.hocon").Assets[0].StepCount);

    [Fact]
    public void Noise_never_lifts_a_price_above_the_largest_price()
    {
        var asset = new ScriptedAsset("A", 1_000_000_000m, [new Segment.Hold(200)], new Noise(50m, 1));
        Assert.All(ScriptedScenario.Path(asset), price => Assert.InRange(price, 0.01m, 1_000_000_000m));
    }
}
