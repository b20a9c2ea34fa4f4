using System.Collections.Immutable;
using TradeLog = AkkaTrading.Domain.Reporting.TradeLog;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using CsCheck;

namespace AkkaTrading.Engine.Tests.Hosting;

/// <summary>
/// Random scenarios (assets missing at some steps or first appearing late, gaps between steps, tiny to huge prices,
/// one block or several)
/// with random Investors and Hamsters and a random fee: the actor pipeline's trade log equals the reference
/// replay's (<see cref="ReferenceReplay"/>) byte for byte.
/// </summary>
public class ReplayAgreementProperties
{
    /// <summary>Cases per run; set REPLAY_ITERATIONS (and REPLAY_SEED to repeat one) to hunt longer.</summary>
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("REPLAY_ITERATIONS"), out var n) ? n : 30;

    private static readonly string[] AllAssets = ["ALFA", "BETA", "GAMMA", "DELTA"];

    public sealed record Case(ExchangeSettings Exchange, ImmutableArray<StrategyBotSettings> Bots, ImmutableArray<ScenarioStep> Steps)
    {
        public override string ToString() =>
            $"{Exchange}, bots: {string.Join("; ", Bots.Select(Describe))}, " +
            $"{Steps.Length} steps: {string.Join(" ", Steps.Take(400).Select(Describe))}";

        private static string Describe(StrategyBotSettings b) =>
            $"{b.Name} {b.InitialCash} [{string.Join(",", b.Assets)}] {b.StrategySettings}";
        private static string Describe(ScenarioStep s) => $"{s.Step}:{string.Join(",", s.Prices.Select(p => $"{p.Asset}={p.Price}"))}";
    }

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static readonly Gen<decimal> Quantity = Gen.Frequency(
        (8, Gen.Int[1, 20].Select(q => (decimal)q)), (2, Gen.Int[1_000, 1_000_000_000].Select(q => (decimal)q)));

    private static readonly Gen<decimal> Cash = Gen.Frequency(
        (5, Gen.Int[100, 100_000].Select(c => (decimal)c)), (1, Pick(0m, 0.5m, 1_000_000m, 1_000_000_000_000_000m)));

    private static readonly Gen<decimal> Percent = Gen.Frequency((20, Gen.Int[0, 300].Select(p => p / 10m)), (1, Pick(0m, 100m)));

    private static readonly Gen<decimal> TakeProfit = Gen.Frequency((20, Percent), (1, Gen.Const(1e27m))); // no upper bound in the settings

    private static readonly Gen<object> Investor = Gen.Select(Gen.Int[1, 30], Percent, TakeProfit, Quantity,
        (window, dip, takeProfit, quantity) => (object)new InvestorSettings(window, dip, takeProfit, quantity));

    private static readonly Gen<object> Hamster = Gen.Select(Quantity, Percent, Gen.Int[1, 10], Percent, Gen.Int[0, 15],
        (quantity, cheaperBy, window, crash, cooldown) => (object)new HamsterSettings(quantity, cheaperBy, window, crash, cooldown));

    /// <summary>A bot's strategy settings, cash and a mask of the assets it watches (the scenario's assets decide which exist).</summary>
    private static readonly Gen<(object Strategy, decimal Cash, int Mask)> Bot =
        Gen.Select(Gen.Frequency((1, Investor), (1, Hamster)), Cash, Gen.Int[1, 15]);

    /// <summary>Per asset: a starting price and, per step, a move in tenths of a percent (0 now and then: no price that step).</summary>
    private static readonly Gen<(decimal Start, int[] Moves)> Walk = Gen.Select(
        Gen.Frequency(
            (6, Gen.Int[1_000, 50_000].Select(c => c / 100m)),
            (1, Gen.Int[1_000_000, 1_000_000_000].Select(p => (decimal)p)),
            (1, Gen.Int[1, 1_000].Select(p => p / 10_000m))),
        Gen.Frequency((20, Gen.Int[-60, 50]), (1, Gen.Const(0)), (1, Gen.Int[-400, -200])).Array[2_600]
            .Select(Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 40])), (moves, late) =>
            {
                Array.Fill(moves, 0, 0, late); // the asset first appears late
                return moves;
            }));

    private static readonly Gen<Case> Cases = Gen.Select(
        Gen.Frequency((1, Gen.Const(0m)), (1, Gen.Int[0, 10_000].Select(f => f / 100m)), (1, Pick(0.1m, 100m))),
        Gen.Int[1, 50],
        Gen.Frequency((9, Gen.Int[1, 300]), (1, Gen.Int[1_000, 2_600])),
        Walk.Array[1, 4],
        Bot.Array[1, 4],
        Gen.Int[1, 3].Array[2_600],
        (fee, history, stepCount, walks, bots, gaps) => Build(new ExchangeSettings(history, fee), stepCount, walks, bots, gaps));

    private static Case Build(
        ExchangeSettings exchange, int stepCount, (decimal Start, int[] Moves)[] walks, (object, decimal, int)[] bots, int[] gaps)
    {
        var prices = walks.Select(w => w.Start).ToArray();
        var steps = new List<List<AssetPrice>>();
        var numbers = new List<long>();
        long number = 0;
        for (var t = 0; t < stepCount; number += gaps[t], t++)
        {
            var step = new List<AssetPrice>();
            for (var a = 0; a < walks.Length; a++)
            {
                var move = walks[a].Moves[t];
                if (move == 0) continue; // this asset has no price at this step (and an asset may first appear late)
                prices[a] = Math.Clamp(Math.Round(prices[a] * (1000 + move) / 1000m, 4), 0.0001m, 1_000_000_000m);
                step.Add(new AssetPrice(AllAssets[a], prices[a]));
            }
            if (step.Count == 0) continue;
            steps.Add(step);
            numbers.Add(number);
        }
        if (steps.Count == 0)
        {
            steps.Add([new AssetPrice(AllAssets[0], walks[0].Start)]);
            numbers.Add(0);
        }
        // As the scenario readers deliver them: each step's prices in the order the assets first appeared.
        var assets = steps.SelectMany(step => step.Select(p => p.Asset)).Distinct().ToArray();
        var scenario = steps.Select((step, i) => new ScenarioStep(numbers[i], [.. step.OrderBy(p => Array.IndexOf(assets, p.Asset))]));
        var configured = bots.Select((b, i) =>
        {
            var watched = assets.Where((_, a) => (b.Item3 >> a & 1) == 1).DefaultIfEmpty(assets[0]).ToImmutableArray();
            var kind = StrategyKinds.Of(b.Item1);
            return new StrategyBotSettings($"{kind.Name}-{i}", kind, b.Item2, watched, b.Item1);
        });
        return new Case(exchange, [.. configured], [.. scenario]);
    }

    [Fact]
    public async Task The_actor_pipeline_trades_exactly_as_the_reference_replay()
    {
        var trades = 0L;
        await Cases.SampleAsync(async c => trades += await Agree(c), iter: Iterations, threads: 1,
            seed: Environment.GetEnvironmentVariable("REPLAY_SEED"), print: c => c.ToString());

        Assert.True(trades >= 10 * Iterations, $"the cases should trade a lot, not {trades} times in {Iterations} cases");
    }

    [Fact]
    public async Task Replays_sharing_one_actor_system_at_once_each_agree_with_the_reference_and_never_hear_each_other()
    {
        var system = Akka.Actor.ActorSystem.Create("shared", "akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR");
        try
        {
            await Cases.Array[4].SampleAsync(async cases => await Task.WhenAll(cases.Select(c => Agree(c, system))), iter: 5, threads: 1,
                seed: Environment.GetEnvironmentVariable("REPLAY_SEED"));
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static readonly GatewaySettings DefaultGateway = TradingConfig.FromText(null).Settings.Gateway;

    /// <param name="system">an actor system other runs share, or none: the run has one of its own</param>
    /// <returns>how many trades the case made</returns>
    private static async Task<long> Agree(Case c, Akka.Actor.ActorSystem? system = null)
    {
        var settings = new TradingSettings(c.Exchange, [.. c.Bots], [], new LiveSettings(TimeSpan.FromSeconds(1)))
            { Gateway = DefaultGateway };
        var outline = ScenarioSteps.Outline(c.Steps);
        var plain = new StringWriter { NewLine = "\n" };
        plain.WriteLine(TradeLog.Header);
        ReferenceReplay.Run(settings, outline.Assets, c.Steps, fill => plain.WriteLine(TradeLog.Row(fill)));

        var scenario = new ScenarioSource("generated", outline, () => c.Steps);
        var pipeline = system is null ? await PipelineReplay.TradeLogAsync(settings, scenario)
            : await PipelineReplay.TradeLogAsync(system, settings, scenario);

        Assert.Equal(plain.ToString(), pipeline);
        return pipeline.Count(ch => ch == '\n') - 1;
    }
}
