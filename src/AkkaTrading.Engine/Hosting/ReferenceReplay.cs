using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Hosting;

/// <summary>The configured bots run through the Domain's <see cref="PlainReplay"/>: what a replay by the actors must equal.</summary>
public static class ReferenceReplay
{
    public static ExchangeBook Run(
        TradingSettings settings, IReadOnlyList<string> assets, IEnumerable<ScenarioStep> steps, Action<Fill> onFill) =>
        PlainReplay.Run(assets, settings.Exchange.HistorySize, settings.Exchange.FeePercent,
            [.. settings.WithRunAssets(assets).StrategyBots.Select(b => new PlainBot(b.Name, b.CreateStrategy(), b.Assets, b.InitialCash))],
            steps, onFill);
}
