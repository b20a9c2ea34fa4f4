using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Running;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Engine.Sweeps;
using Xunit;

namespace AkkaTrading.Engine.Tests.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly SweepFixture _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(SweepFixture.InvestorGrid)]
    [InlineData(SweepFixture.HamsterGrid)]
    public async Task Every_row_has_the_figures_of_a_replay_of_its_combination_alone(string grid)
    {
        var sweep = _files.Prepare(grid, "akka-trading.exchange.fee-percent = 0.1");
        var outcome = await SweepFixture.RunLocalAsync(sweep, new SweepOptions(SweepMetric.Return, 5, null), slots: 2);

        Assert.Equal(sweep.Plan.Grid.Count, outcome.Rows.Count);
        Assert.Contains(outcome.Rows, r => r.InSample.Trades > 0);
        using var system = ActorSystem.Create("replays", ConfigurationFactory.ParseString("akka.loglevel = ERROR"));
        foreach (var row in outcome.Rows)
        {
            var result = await ReplayRun.RunAsync(system, new ReplayRequest(SettingsOf(sweep, row.Combination),
                new SimulationMode.Replay(ScenarioFiles.Open(_files.ScenarioPath))));
            var alone = SweepStatistics.Of(result.Snapshot.Bots.Single(), null, 0m);
            Assert.Equal(SweepFixture.Figures(alone), SweepFixture.Figures(row.InSample));
        }
        await system.Terminate();
    }

    [Fact]
    public async Task The_same_sweep_gives_the_same_figures_whatever_the_workers_and_passes()
    {
        var options = new SweepOptions(SweepMetric.Sharpe, 4, TrainPercent: 60, WalkForward: 3);
        var one = SweepFixture.Text(await SweepFixture.RunLocalAsync(_files.Prepare(SweepFixture.InvestorGrid,
            "akka-trading.sweep.combinations-per-pass = 1"), options, slots: 1));
        var many = SweepFixture.Text(await SweepFixture.RunLocalAsync(_files.Prepare(SweepFixture.InvestorGrid), options, slots: 4));
        var again = SweepFixture.Text(await SweepFixture.RunLocalAsync(_files.Prepare(SweepFixture.InvestorGrid), options, slots: 4));

        Assert.Equal(one, many);
        Assert.Equal(many, again);
    }

    [Fact]
    public async Task With_a_split_the_best_are_ranked_on_the_training_steps_and_replayed_on_the_rest()
    {
        var sweep = _files.Prepare(SweepFixture.InvestorGrid);
        var outcome = await SweepFixture.RunLocalAsync(sweep, new SweepOptions(SweepMetric.Return, 3, TrainPercent: 70), slots: 2);

        var steps = sweep.Steps.Count;
        var train = steps * 70 / 100;
        Assert.Equal(new StepRange(0, train), outcome.RankingSteps);
        Assert.Equal(new StepRange(train, steps), outcome.TestSteps);
        var best = outcome.Best.ToList();
        Assert.Equal(3, best.Count);
        Assert.All(best, r => Assert.NotNull(r.OutOfSample));
        Assert.Equal(outcome.Rows.Count - 3, outcome.Rows.Count(r => r.OutOfSample is null));
        Assert.True(best[0].InSample.ReturnPercent >= best[1].InSample.ReturnPercent);
        // the test figures are those of a pass over just the test steps
        var test = sweep.Evaluate([best[0].Combination], new StepRange(train, steps))[0];
        Assert.Equal(SweepFixture.Figures(test), SweepFixture.Figures(best[0].OutOfSample));
    }

    [Fact]
    public void A_worker_that_reads_other_settings_or_another_scenario_refuses_the_job()
    {
        var sweep = _files.Prepare(SweepFixture.InvestorGrid, "akka-trading.exchange.fee-percent = 0.1");
        Assert.Equal(sweep.Steps.Count, PreparedSweep.Load(sweep.Job).Steps.Count);

        var other = Assert.Throws<SettingsException>(() => PreparedSweep.Load(sweep.Job with { ConfigText = null }));
        Assert.StartsWith("the settings read here (ExchangeSettings { HistorySize = 1000, FeePercent = 0 }", other.Message);
        var scenario = Assert.Throws<AkkaTrading.Domain.Scenarios.ScenarioException>(() =>
            PreparedSweep.Load(sweep.Job with { ScenarioSha256 = "00" }));
        Assert.EndsWith("differs here from the scenario the sweep started with", scenario.Message);
    }

    /// <summary>The configuration <c>best.hocon</c> would hold for <paramref name="combination"/>: one bot, every setting written
    /// out.</summary>
    private static TradingSettings SettingsOf(PreparedSweep sweep, long combination)
    {
        var settings = string.Join(", ", sweep.Plan.EffectiveSettings(combination).Select(s => $"{s.Key} = {s.Value}"));
        var assets = string.Join(", ", sweep.Plan.AssetsIn(sweep.Assets));
        return TradingConfig.FromText($$"""
            akka-trading.exchange.fee-percent = {{sweep.Config.Settings.Exchange.FeePercent.ToString(CultureInfo.InvariantCulture)}}
            akka-trading.bots = [ { name = c, strategy = {{sweep.Plan.Strategy.Name}}, assets = [{{assets}}],
              initial-cash = {{sweep.Plan.InitialCash.ToString(CultureInfo.InvariantCulture)}}, settings { {{settings}} } } ]
            """).Settings;
    }
}
