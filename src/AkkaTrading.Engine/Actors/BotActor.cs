using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Strategies;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// A trading bot: a thin shell around an <see cref="IStrategy"/>. It watches prices on the EventStream.
/// In a live run it passes each price of its assets to the strategy, sends the resulting market orders and
/// feeds the exchange's fills back; while an order on an asset is unanswered it sends no other order on
/// that asset. In a replay it decides a whole <see cref="PriceBlock"/> at once through a
/// <see cref="ReplayBot"/> and sends the exchange its orders with their expected fills.
/// Start it with <see cref="Hosting.TradingSimulationHosting.StartBot"/>, which subscribes it to prices
/// before returning, so it sees every price published afterwards.
/// </summary>
public sealed class BotActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly BotAccount _account;
    private readonly IStrategy _strategy;
    private readonly IActorRef _exchange;
    private readonly HashSet<string> _assets;
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly ReplayBot _replay;
    private readonly EventStream? _bus;

    /// <param name="bus">the run's event bus it is subscribed to (the actor system's EventStream unless given)</param>
    public BotActor(BotAccount account, IStrategy strategy, decimal feePercent, IActorRef exchange, EventStream? bus)
    {
        _bus = bus;
        _account = account;
        _strategy = strategy;
        _exchange = exchange;
        _assets = new HashSet<string>(account.Assets, StringComparer.Ordinal);
        _replay = new ReplayBot(account.Name, strategy, account.Assets, account.InitialCash, feePercent);

        Receive<PriceChanged>(OnPrice);
        Receive<PriceBlock>(OnBlock);
        Receive<PositionsRecovered>(recovered =>
        {
            if (recovered.Bot != _account.Name) return;
            foreach (var (asset, position, lastBuy) in recovered.Held) _strategy.Resume(asset, position, lastBuy);
        });
        Receive<OrderFilled>(f =>
        {
            _pending.Remove(f.Fill.Asset);
            _strategy.OnFill(f.Fill);
        });
        Receive<OrderRejected>(r =>
        {
            _pending.Remove(r.Rejection.Order.Asset);
            _log.Debug("{Bot}: order rejected: {Reason}", _account.Name, r.Rejection.Detail);
        });
    }

    public static Props Props(BotAccount account, IStrategy strategy, decimal feePercent, IActorRef exchange, EventStream? bus = null) =>
        Akka.Actor.Props.Create(() => new BotActor(account, strategy, feePercent, exchange, bus));

    protected override void PostStop() => (_bus ?? Context.System.EventStream).Unsubscribe(Self);

    private void OnPrice(PriceChanged changed)
    {
        if (!_assets.Contains(changed.Asset)) return;
        if (_strategy.OnPrice(changed.Asset, changed.Price) is { } intent && _pending.Add(changed.Asset))
            _exchange.Tell(new PlaceOrder(new Order(_account.Name, changed.Asset, intent.Side, intent.Quantity)));
    }

    private void OnBlock(PriceBlock block)
    {
        var orders = new List<StepOrder>();
        foreach (var step in block.Steps) _replay.Decide(step, orders);
        _exchange.Tell(new BlockDecisions(block.Sequence, _account.Name, [.. orders]));
    }
}
