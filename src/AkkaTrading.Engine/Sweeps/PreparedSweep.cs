using System.Security.Cryptography;
using System.Text;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Protocol.Sweeps;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// A <see cref="SweepJob"/> made ready to evaluate: its configuration and grid read and checked, its scenario's steps in memory.
/// The node that starts a sweep and every worker build it the same way from the same job, so every pass is evaluated alike
/// wherever it runs.
/// </summary>
public sealed class PreparedSweep
{
    private PreparedSweep(SweepJob job, TradingConfig config, SweepPlan plan, ScenarioSource scenario, IReadOnlyList<ScenarioStep> steps)
    {
        Job = job;
        Config = config;
        Plan = plan;
        Scenario = scenario;
        Steps = steps;
        Assets = scenario.Outline.Assets;
    }

    public SweepJob Job { get; }
    public TradingConfig Config { get; }
    public SweepPlan Plan { get; }
    public ScenarioSource Scenario { get; }
    public IReadOnlyList<ScenarioStep> Steps { get; }
    public IReadOnlyList<string> Assets { get; }
    public StepRange AllSteps => new(0, Steps.Count);

    /// <summary>A new job: the scenario is read whole (and checked), and its steps' digest goes into the job for the workers.</summary>
    public static PreparedSweep Start(string id, string scenarioPath, string? configFile, string gridFile)
    {
        var configText = configFile is null ? null : TradingConfig.ReadFile(configFile);
        var gridText = Settings.TradingConfig.ReadFile(gridFile, "the grid file");
        var config = TradingConfig.FromText(configText, configFile ?? "");
        var plan = SweepGridReader.Read(gridText, gridFile, config);
        var scenario = ScenarioFiles.Open(scenarioPath);
        var steps = scenario.Steps().ToList();
        var missing = plan.AssetsIn(scenario.Outline.Assets).FirstOrDefault(a => !scenario.Outline.Assets.Contains(a));
        if (missing is not null)
            throw new SettingsException($"{gridFile}: 'sweep.bot.assets' names asset '{missing}', which {scenarioPath} does not have " +
                $"(it has: {string.Join(", ", scenario.Outline.Assets)})");
        if (steps.Count == 0) throw new ScenarioException(scenarioPath, null, "has no steps to sweep over");
        var job = new SweepJob(id, Path.GetFullPath(scenarioPath), Digest(steps), configText, configFile ?? "", gridText, gridFile,
            SettingsText(config, plan));
        return new PreparedSweep(job, config, plan, scenario, steps);
    }

    /// <summary>The job as a worker makes it ready: its scenario must be the one the sweep started with.</summary>
    public static PreparedSweep Load(SweepJob job)
    {
        var config = TradingConfig.FromText(job.ConfigText, job.ConfigName);
        var plan = SweepGridReader.Read(job.GridText, job.GridName, config);
        var scenario = ScenarioFiles.Open(job.ScenarioPath);
        var steps = scenario.Steps().ToList();
        if (Digest(steps) != job.ScenarioSha256)
            throw new ScenarioException(job.ScenarioPath, null, "differs here from the scenario the sweep started with");
        if (SettingsText(config, plan) != job.Settings)
            throw new SettingsException($"the settings read here ({SettingsText(config, plan)}) differ from the sweep's " +
                $"({job.Settings}): " +
                "run the same version of AkkaTrading on every node");
        return new PreparedSweep(job, config, plan, scenario, steps);
    }

    /// <summary>Figures of <paramref name="combinations"/> over <paramref name="range"/>, evaluated together in one pass.</summary>
    public SweepStatistics[] Evaluate(IReadOnlyList<long> combinations, StepRange range)
    {
        var exchange = Config.Settings.Exchange;
        var bots = combinations.Select(i => Plan.Bot(i, Assets)).ToList();
        var summaries = SweepPass.Run(Assets, exchange.HistorySize, exchange.FeePercent, bots, Steps, range);
        var barsPerYear = Scenario.Outline.Timeline?.BarsPerYear;
        return [.. summaries.Select(s => SweepStatistics.Of(s, barsPerYear, Config.Settings.Statistics.RiskFreeRatePercent))];
    }

    /// <summary>The exchange, the statistics and the first combination's settings, as read: what a node must agree on.</summary>
    private static string SettingsText(Settings.TradingConfig config, SweepPlan plan) =>
        $"{config.Settings.Exchange} {config.Settings.Statistics} {plan.InitialCash} " +
        string.Join(", ", plan.EffectiveSettings(0).Select(s => $"{s.Key} = {s.Value}"));

    /// <summary>SHA-256 of the steps as replayed (step, time, every asset and price), whatever file they came from.</summary>
    private static string Digest(IReadOnlyList<ScenarioStep> steps)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        foreach (var step in steps)
        {
            line.Clear().Append(step.Step).Append(';').Append(step.Time?.Ticks);
            foreach (var price in step.Prices) line.Append(';').Append(price.Asset).Append('=')
                .Append(price.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
            hash.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
