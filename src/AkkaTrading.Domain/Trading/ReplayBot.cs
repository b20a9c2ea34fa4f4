using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Strategies;

namespace AkkaTrading.Domain.Trading;

/// <summary>An order a bot placed at a replay step, with the fill it expects under the exchange's rules (null: a rejection).</summary>
public readonly record struct StepOrder(long Step, Order Order, Fill? ExpectedFill);

/// <summary>
/// A bot's side of a replay. For each step it lets the strategy see every price it watches, then executes
/// the step's orders in asset order against its own copy of its account — an <see cref="ExchangeBook"/>
/// holding just that account, so the rules are the exchange's own — and only then tells the strategy of
/// the fills. That is the exact sequence the exchange settles a step in, so the bot can decide step after
/// step without waiting, and the exchange confirms every expected fill when it settles.
/// </summary>
public sealed class ReplayBot
{
    private readonly ExchangeBook _ledger;
    private readonly AssetMap<string> _assets = new();
    private readonly List<(Order Order, decimal Price)> _stepOrders = new();

    public ReplayBot(string name, IStrategy strategy, IReadOnlyCollection<string> assets, decimal initialCash, decimal feePercent)
    {
        Name = name;
        Strategy = strategy;
        foreach (var asset in assets) if (!_assets.TryGetValue(asset, out _)) _assets.Add(asset, asset);
        _ledger = new ExchangeBook(assets, historySize: 1, feePercent, statistics: false);
        _ledger.OpenAccount(name, initialCash);
    }

    public string Name { get; }
    public IStrategy Strategy { get; }

    /// <summary>Decides on one step and adds its orders, with their expected outcome, to <paramref name="orders"/>.</summary>
    public void Decide(ScenarioStep step, List<StepOrder> orders)
    {
        foreach (var price in step.Prices)
        {
            if (!_assets.TryGetValue(price.Asset, out _)) continue;
            if (Strategy.OnPrice(price.Asset, price.Price) is { } intent)
                _stepOrders.Add((new Order(Name, price.Asset, intent.Side, intent.Quantity), price.Price));
        }
        if (_stepOrders.Count == 0) return;

        var firstFill = orders.Count;
        foreach (var (order, price) in _stepOrders)
        {
            _ledger.RecordPrice(order.Asset, price);
            orders.Add(new StepOrder(step.Step, order, _ledger.Submit(order, step.Step, step.Time).Fill));
        }
        _stepOrders.Clear();
        for (var i = firstFill; i < orders.Count; i++)
            if (orders[i].ExpectedFill is { } fill) Strategy.OnFill(fill);
    }
}
