using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;
using static AkkaTrading.Engine.Protocol.Replay;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// The exchange: keeps prices and accounts in an <see cref="ExchangeBook"/>, fills market orders at the
/// current price, answers the ordering bot, publishes prices and trades on the EventStream and logs every
/// transaction. In a replay it pulls steps from the clock and settles one step at a time: it publishes the
/// step's prices, waits for the decisions of every bot watching them, then executes their orders in bot
/// order (the configuration's) — so trades never depend on thread scheduling.
/// </summary>
public sealed class ExchangeActor : ReceiveActor
{
    public const int ReplayBatchSize = 256;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ExchangeBook _book;
    private readonly BotAccount[] _bots;
    private readonly Dictionary<string, int> _botIndex = new(StringComparer.Ordinal);
    private readonly IActorRef? _clock;
    private long _step;
    private long _trades;

    // Replay state
    private readonly Queue<ScenarioStep> _queue = new();
    private readonly StepDecisions?[] _decisions;
    private readonly bool[] _expected;
    private readonly IActorRef?[] _botRefs;
    private IActorRef? _replayRequester;
    private bool _replayStarted, _clockExhausted, _batchRequested, _stepOpen;
    private int _awaiting;

    public ExchangeActor(ExchangeSettings settings, IReadOnlyList<string> assets, IReadOnlyList<BotAccount> bots, IActorRef? clock)
    {
        _book = new ExchangeBook(assets, settings.HistorySize, settings.FeePercent);
        _bots = bots.ToArray();
        for (var i = 0; i < _bots.Length; i++)
        {
            _book.OpenAccount(_bots[i].Name, _bots[i].InitialCash);
            _botIndex.Add(_bots[i].Name, i);
        }
        _decisions = new StepDecisions?[_bots.Length];
        _expected = new bool[_bots.Length];
        _botRefs = new IActorRef?[_bots.Length];
        _clock = clock;

        Receive<PriceTick>(OnPriceTick);
        Receive<PlaceOrder>(o => Execute(o.Order, Sender));
        Receive<Start>(_ => OnStartReplay());
        Receive<StepBatch>(OnStepBatch);
        Receive<StepDecisions>(OnStepDecisions);
        Receive<Failed>(f => _replayRequester?.Tell(f));
        Receive<GetPrice>(q => Sender.Tell(new CurrentPrice(q.Asset, _book.CurrentPrice(q.Asset))));
        Receive<GetHistory>(q => Sender.Tell(new PriceHistory(q.Asset, [.. _book.History(q.Asset, q.Count)])));
        Receive<GetSnapshot>(_ => Sender.Tell(TakeSnapshot()));
    }

    public static Props Props(ExchangeSettings settings, IReadOnlyList<string> assets, IReadOnlyList<BotAccount> bots, IActorRef? clock = null) =>
        Akka.Actor.Props.Create(() => new ExchangeActor(settings, assets, bots, clock));

    private void OnPriceTick(PriceTick tick)
    {
        if (!_book.RecordPrice(tick.Asset, tick.Price))
        {
            _log.Warning("Ignored price {Price} for {Asset} from {Source}: unknown asset or not positive", tick.Price, tick.Asset, Sender.Path);
            return;
        }
        Context.System.EventStream.Publish(new PricesChanged(++_step, [new AssetPrice(tick.Asset, tick.Price)], DecisionsExpected: false));
    }

    private void Execute(Order order, IActorRef replyTo)
    {
        var result = _book.Submit(order, _step);
        if (result.Fill is { } fill)
        {
            _trades++;
            _log.Info("{Side} {Bot} {Quantity} {Asset} @ {Price}", TradeLog.SideText(fill.Side), fill.Bot, fill.Quantity, fill.Asset, fill.Price);
            replyTo.Tell(new OrderFilled(fill));
            Context.System.EventStream.Publish(new TradeExecuted(fill));
        }
        else
        {
            var rejection = result.Rejection!;
            _log.Warning("REJECTED {Side} {Bot} {Quantity} {Asset}: {Reason} ({Detail})",
                TradeLog.SideText(order.Side), order.Bot, order.Quantity, order.Asset, rejection.Reason, rejection.Detail);
            replyTo.Tell(new OrderRejected(rejection));
        }
    }

    private void OnStartReplay()
    {
        if (_clock is null)
        {
            Sender.Tell(new Failed("this exchange has no replay clock"));
            return;
        }
        _replayRequester = Sender;
        _replayStarted = true;
        PumpReplay();
    }

    private void OnStepBatch(StepBatch batch)
    {
        _batchRequested = false;
        foreach (var step in batch.Steps) _queue.Enqueue(step);
        _clockExhausted = batch.IsLast;
        PumpReplay();
    }

    private void OnStepDecisions(StepDecisions decisions)
    {
        if (!_botIndex.TryGetValue(decisions.Bot, out var index))
        {
            foreach (var order in decisions.Orders) Execute(order, Sender);
            return;
        }
        if (!_stepOpen || decisions.Step != _step || !_expected[index] || _decisions[index] is not null)
        {
            _log.Warning("Ignored decisions of {Bot} for step {Step}: the open step is {OpenStep}", decisions.Bot, decisions.Step, _stepOpen ? _step : (object)"none");
            return;
        }
        _decisions[index] = decisions;
        _botRefs[index] = Sender;
        if (--_awaiting == 0)
        {
            SettleStep();
            PumpReplay();
        }
    }

    /// <summary>Opens steps one after another while no bot decision is outstanding; asks the clock for more in time.</summary>
    private void PumpReplay()
    {
        if (!_replayStarted) return;
        while (!_stepOpen && _queue.Count > 0)
        {
            OpenStep(_queue.Dequeue());
            if (_awaiting == 0) SettleStep();
        }
        if (!_clockExhausted && !_batchRequested && _queue.Count < ReplayBatchSize / 2)
        {
            _batchRequested = true;
            _clock!.Tell(new RequestSteps(ReplayBatchSize));
        }
        if (_clockExhausted && !_stepOpen && _queue.Count == 0)
        {
            _replayStarted = false;
            _replayRequester?.Tell(new Completed(_step, _trades));
        }
    }

    private void OpenStep(ScenarioStep step)
    {
        _step = step.Step;
        _stepOpen = true;
        foreach (var price in step.Prices) _book.RecordPrice(price.Asset, price.Price);
        _awaiting = 0;
        for (var i = 0; i < _bots.Length; i++)
            if (_expected[i] = _bots[i].WatchesAny(step.Prices)) _awaiting++;
        Context.System.EventStream.Publish(new PricesChanged(step.Step, step.Prices, DecisionsExpected: true));
    }

    private void SettleStep()
    {
        for (var i = 0; i < _decisions.Length; i++)
        {
            if (_decisions[i] is not { } decisions) continue;
            foreach (var order in decisions.Orders) Execute(order, _botRefs[i]!);
            _decisions[i] = null;
        }
        _stepOpen = false;
    }

    private Snapshot TakeSnapshot()
    {
        var prices = _book.LastPrices();
        return new Snapshot(_step, [.. _book.Accounts.Select(a => BotSummary.Of(a, prices))], prices.ToImmutableDictionary(StringComparer.Ordinal));
    }
}
