using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Hosting;

/// <summary>How prices reach the exchange: live random-walk sources, or a scenario replayed by the clock.</summary>
public abstract record SimulationMode
{
    /// <summary>The assets traded in this mode, in delivery order.</summary>
    public abstract IReadOnlyList<string> Assets(TradingSettings settings);

    /// <summary>Refuses a configuration whose bots watch an asset this mode has no prices for.</summary>
    public void Validate(TradingSettings settings) => settings.RequireBotAssetsIn(Assets(settings), AssetOrigin);

    protected abstract string AssetOrigin { get; }

    /// <summary>The period the prices cover, when they come from a scenario with timestamps.</summary>
    public virtual Domain.Scenarios.Timeline? Timeline => null;

    public sealed record Live : SimulationMode
    {
        public override IReadOnlyList<string> Assets(TradingSettings settings) => settings.SourceAssets;
        protected override string AssetOrigin => "the configured sources ('akka-trading.sources')";
    }

    /// <summary>A live exchange whose prices come from a scenario played at <see cref="StepsPerSecond"/> (serve --scenario).</summary>
    public sealed record Paced(ScenarioSource Scenario, double StepsPerSecond) : SimulationMode
    {
        public override IReadOnlyList<string> Assets(TradingSettings settings) => Scenario.Outline.Assets;
        protected override string AssetOrigin => $"the scenario '{Scenario.Path}'";
    }

    public sealed record Replay(ScenarioSource Scenario) : SimulationMode
    {
        public override IReadOnlyList<string> Assets(TradingSettings settings) => Scenario.Outline.Assets;
        public override Domain.Scenarios.Timeline? Timeline => Scenario.Outline.Timeline;
        protected override string AssetOrigin => $"the scenario '{Scenario.Path}'";
    }
}
