using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// A trading bot: a thin shell around an <see cref="IStrategy"/>. It watches prices on the EventStream,
/// passes those of its assets to the strategy, sends the resulting orders to the exchange and feeds fills
/// back. While an order on an asset is unanswered it sends no other order on that asset.
/// Start it with <see cref="Hosting.TradingSimulationHosting.StartBot"/>, which subscribes it to prices
/// before returning, so it sees every price published afterwards.
/// </summary>
public sealed class BotActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _name;
    private readonly IStrategy _strategy;
    private readonly HashSet<string> _assets;
    private readonly IActorRef _exchange;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    public BotActor(string name, IStrategy strategy, IEnumerable<string> assets, IActorRef exchange)
    {
        _name = name;
        _strategy = strategy;
        _assets = new HashSet<string>(assets, StringComparer.Ordinal);
        _exchange = exchange;

        Receive<PricesChanged>(OnPrices);
        Receive<OrderFilled>(f =>
        {
            _pending.Remove(f.Fill.Asset);
            _strategy.OnFill(f.Fill);
        });
        Receive<OrderRejected>(r =>
        {
            _pending.Remove(r.Rejection.Order.Asset);
            _log.Debug("{Bot}: order rejected: {Reason}", _name, r.Rejection.Detail);
        });
    }

    public static Props Props(string name, IStrategy strategy, IEnumerable<string> assets, IActorRef exchange) =>
        Akka.Actor.Props.Create(() => new BotActor(name, strategy, assets, exchange));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnPrices(PricesChanged changed)
    {
        var watched = false;
        ImmutableArray<Order>.Builder? orders = null;
        foreach (var price in changed.Prices)
        {
            if (!_assets.Contains(price.Asset)) continue;
            watched = true;
            if (_strategy.OnPrice(price.Asset, price.Price) is { } intent && _pending.Add(price.Asset))
                (orders ??= ImmutableArray.CreateBuilder<Order>()).Add(new Order(_name, price.Asset, intent.Side, intent.Quantity));
        }

        if (changed.DecisionsExpected)
        {
            if (watched) _exchange.Tell(new StepDecisions(changed.Step, _name, orders?.ToImmutable() ?? []));
        }
        else if (orders is not null)
        {
            foreach (var order in orders) _exchange.Tell(new PlaceOrder(order));
        }
    }
}
