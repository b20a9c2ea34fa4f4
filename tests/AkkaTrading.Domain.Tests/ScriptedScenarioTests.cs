using System.Globalization;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Domain.Tests;

public class ScriptedScenarioTests
{
    private static string[] PathOf(decimal start, params Segment[] segments) =>
        PathOf(new ScriptedAsset("ALFA", start, segments));

    private static string[] PathOf(ScriptedAsset asset) =>
        ScriptedScenario.Path(asset).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void The_first_price_is_the_start_shown_with_two_decimals()
    {
        Assert.Equal(["100.00"], PathOf(100m));
    }

    [Fact]
    public void Hold_repeats_the_price_for_its_steps()
    {
        Assert.Equal(["100.00", "100.00", "100.00"], PathOf(100m, new Segment.Hold(2)));
    }

    [Fact]
    public void Linear_reaches_the_target_on_its_last_step()
    {
        Assert.Equal(["100.00", "95.00", "90.00"], PathOf(100m, new Segment.Linear(90m, 2)));
    }

    [Fact]
    public void Linear_steps_are_rounded_to_cents()
    {
        Assert.Equal(["100.00", "96.67", "93.33", "90.00"], PathOf(100m, new Segment.Linear(90m, 3)));
    }

    [Fact]
    public void Jump_moves_to_the_target_in_one_step()
    {
        Assert.Equal(["100.00", "60.00"], PathOf(100m, new Segment.Jump(60m)));
    }

    [Fact]
    public void Each_segment_starts_where_the_previous_one_ended()
    {
        Assert.Equal(
            ["100.00", "110.00", "120.00", "120.00", "60.00", "80.00"],
            PathOf(100m, new Segment.Linear(120m, 2), new Segment.Hold(1), new Segment.Jump(60m), new Segment.Linear(80m, 1)));
    }

    [Fact]
    public void Prices_are_rounded_half_away_from_zero_and_never_below_one_cent()
    {
        Assert.Equal(["100.01", "0.01", "0.01"], PathOf(100.005m, new Segment.Jump(0.004m), new Segment.Jump(0m)));
    }

    [Fact]
    public void Noise_is_deterministic_for_the_same_seed()
    {
        var asset = new ScriptedAsset("ALFA", 100m, [new Segment.Hold(30)], new Noise(2m, Seed: 7));
        Assert.Equal(PathOf(asset), PathOf(asset));
    }

    [Fact]
    public void Noise_differs_for_another_seed()
    {
        Assert.NotEqual(
            PathOf(new ScriptedAsset("ALFA", 100m, [new Segment.Hold(30)], new Noise(2m, Seed: 7))),
            PathOf(new ScriptedAsset("ALFA", 100m, [new Segment.Hold(30)], new Noise(2m, Seed: 8))));
    }

    [Fact]
    public void Noise_stays_within_its_percentage_of_the_scripted_price_and_does_not_accumulate()
    {
        Segment[] segments = [new Segment.Linear(50m, 20), new Segment.Hold(20), new Segment.Jump(200m), new Segment.Hold(20)];
        var clean = ScriptedScenario.Path(new ScriptedAsset("ALFA", 100m, segments)).ToArray();
        var noisy = ScriptedScenario.Path(new ScriptedAsset("ALFA", 100m, segments, new Noise(3m, Seed: 1))).ToArray();

        Assert.Equal(clean.Length, noisy.Length);
        for (var i = 0; i < clean.Length; i++)
        {
            Assert.InRange(noisy[i], clean[i] * 0.97m - 0.01m, clean[i] * 1.03m + 0.01m);
            Assert.Equal(2, noisy[i].Scale);
        }
        Assert.True(clean.Zip(noisy).Count(p => p.First != p.Second) > clean.Length / 2, "the noise should move most prices");
    }

    [Fact]
    public void Steps_deliver_assets_in_listed_order_and_end_with_the_longest_script()
    {
        var scenario = new ScriptedScenario("test",
        [
            new ScriptedAsset("BETA", 50m, [new Segment.Jump(40m)]),
            new ScriptedAsset("ALFA", 100m, [new Segment.Hold(2)]),
        ]);

        var steps = scenario.Steps()
            .Select(s => $"{s.Step}: " +
                string.Join(' ', s.Prices.Select(p => $"{p.Asset}={p.Price.ToString(CultureInfo.InvariantCulture)}")))
            .ToArray();

        Assert.Equal(["0: BETA=50.00 ALFA=100.00", "1: BETA=40.00 ALFA=100.00", "2: ALFA=100.00"], steps);
    }

    [Fact]
    public void A_scenario_without_assets_has_no_steps()
    {
        Assert.Empty(new ScriptedScenario("empty", []).Steps());
    }

    [Fact]
    public void Steps_can_be_enumerated_again_with_the_same_result()
    {
        var scenario = new ScriptedScenario("noisy", [new ScriptedAsset("ALFA", 100m, [new Segment.Hold(5)], new Noise(5m, 3))]);
        Assert.Equal(
            scenario.Steps().SelectMany(s => s.Prices).Select(p => p.Price),
            scenario.Steps().SelectMany(s => s.Prices).Select(p => p.Price));
    }
}
