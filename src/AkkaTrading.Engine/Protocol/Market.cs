using System.Collections.Immutable;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Engine.Protocol;

/// <summary>Prices, trades and queries between sources, the exchange and everyone watching the EventStream.</summary>
public static class Market
{
    /// <summary>A source's new price for its asset, sent to the exchange.</summary>
    public sealed record PriceTick(string Asset, decimal Price);

    /// <summary>Published on the EventStream by the exchange in a live run: a source's new price, the run's
    /// <see cref="Step"/>-th.</summary>
    public sealed record PriceChanged(long Step, string Asset, decimal Price);

    /// <summary>
    /// Published on the EventStream by the exchange in a replay: the next block of steps, each with its
    /// prices in the scenario's asset order. Every bot answers with <see cref="Orders.BlockDecisions"/>,
    /// even when it has no order.
    /// </summary>
    public sealed record PriceBlock(long Sequence, ImmutableArray<ScenarioStep> Steps);

    /// <summary>Published on the EventStream for every fill, in execution order.</summary>
    public sealed record TradeExecuted(Fill Fill);

    /// <summary>
    /// Published by a server's exchange once its ledger is recovered, before any price: a bot's positions and last buy prices,
    /// so that its strategy resumes where its fills had left it.
    /// </summary>
    public sealed record PositionsRecovered(string Bot,
        ImmutableArray<(string Asset, Domain.Accounts.Position Position, decimal? LastBuy)> Held);

    public sealed record GetPrice(string Asset);
    public sealed record CurrentPrice(string Asset, decimal? Price);

    /// <summary>Asks for the last <see cref="Count"/> prices of an asset.</summary>
    public sealed record GetHistory(string Asset, int Count);
    public sealed record PriceHistory(string Asset, ImmutableArray<decimal> Prices);

    /// <summary>Asks the exchange for every account valued at the last prices.</summary>
    public sealed record GetSnapshot
    {
        public static readonly GetSnapshot Instance = new();
        private GetSnapshot() { }
    }

    /// <summary>Asks the exchange for what it recorded for a report; answered with a <see cref="RunRecording"/> (empty unless
    /// recording).</summary>
    public sealed record GetRecording
    {
        public static readonly GetRecording Instance = new();
        private GetRecording() { }
    }

    /// <summary>
    /// Every account valued at the last prices, each asset's price range, the last few trades (newest last)
    /// and the trade count so far; <see cref="Steps"/> is the last step (the number of prices, in a live run).
    /// </summary>
    public sealed record Snapshot(
        long Steps, ImmutableArray<BotSummary> Bots, ImmutableDictionary<string, decimal> LastPrices,
        ImmutableArray<AssetSummary> Assets, ImmutableArray<Fill> RecentTrades, long Trades);
}
