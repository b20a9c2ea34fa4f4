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
/// transaction.
/// <para>
/// In a replay it pulls blocks of steps from the clock and publishes each as one <see cref="PriceBlock"/>,
/// keeping at most <see cref="BlocksInFlight"/> unsettled. Bots decide a whole block at once under the
/// exchange's own rules (<see cref="ReplayBot"/>). When every bot has answered the oldest block, the exchange
/// settles it step by step — records the step's prices, then executes the step's orders bot by bot in
/// configuration order — and checks that every outcome is the one the bot expected. Trades therefore never
/// depend on thread scheduling.
/// </para>
/// </summary>
public sealed class ExchangeActor : ReceiveActor
{
    public const int StepsPerBlock = 1024;
    public const int BlocksInFlight = 4;
    public const int RecentTradesKept = 10;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ExchangeBook _book;
    private readonly Dictionary<string, int> _botIndex = new(StringComparer.Ordinal);
    private readonly IActorRef? _clock;
    private readonly RunRecorder? _recorder;
    private long _step;
    private long _trades;
    private readonly Queue<Fill> _recentTrades = new();

    // Replay state
    private readonly Queue<PendingBlock> _inFlight = new();
    private IActorRef? _replayRequester;
    private long _nextSequence;
    private bool _replaying, _clockExhausted, _blockRequested;

    public ExchangeActor(ExchangeSettings settings, IReadOnlyList<string> assets, IReadOnlyList<BotAccount> bots, IActorRef? clock, bool record)
    {
        _recorder = record ? new RunRecorder() : null;
        _book = new ExchangeBook(assets, settings.HistorySize, settings.FeePercent, _recorder);
        foreach (var bot in bots)
        {
            _botIndex.Add(bot.Name, _botIndex.Count);
            _book.OpenAccount(bot.Name, bot.InitialCash);
        }
        _clock = clock;

        Receive<PriceTick>(OnPriceTick);
        Receive<PlaceOrder>(o => Reply(Execute(o.Order, _step), Sender));
        Receive<Start>(_ => OnStartReplay());
        Receive<StepBatch>(OnStepBatch);
        Receive<BlockDecisions>(OnBlockDecisions);
        Receive<Failed>(FailReplay);
        Receive<GetPrice>(q => Sender.Tell(new CurrentPrice(q.Asset, _book.CurrentPrice(q.Asset))));
        Receive<GetHistory>(q => Sender.Tell(new PriceHistory(q.Asset, [.. _book.History(q.Asset, q.Count)])));
        Receive<GetSnapshot>(_ => Sender.Tell(TakeSnapshot()));
        Receive<GetRecording>(_ => Sender.Tell((_recorder ?? new RunRecorder()).Recording()));
    }

    /// <param name="record">record equity curves, prices and fills for a report (<see cref="GetRecording"/>)</param>
    public static Props Props(ExchangeSettings settings, IReadOnlyList<string> assets, IReadOnlyList<BotAccount> bots, IActorRef? clock = null, bool record = false) =>
        Akka.Actor.Props.Create(() => new ExchangeActor(settings, assets, bots, clock, record));

    private void OnPriceTick(PriceTick tick)
    {
        if (!_book.RecordPrice(tick.Asset, tick.Price))
        {
            _log.Warning("Ignored price {Price} for {Asset} from {Source}: unknown asset or not positive", tick.Price, tick.Asset, Sender.Path);
            return;
        }
        _book.CloseStep(++_step);
        Context.System.EventStream.Publish(new PriceChanged(_step, tick.Asset, tick.Price));
    }

    /// <summary>Executes an order, logs it and, when filled, publishes the trade.</summary>
    private OrderResult Execute(Order order, long step)
    {
        var result = _book.Submit(order, step);
        if (result.Fill is { } fill)
        {
            _trades++;
            _recentTrades.Enqueue(fill);
            if (_recentTrades.Count > RecentTradesKept) _recentTrades.Dequeue();
            if (_log.IsInfoEnabled) _log.Info("{Side} {Bot} {Quantity} {Asset} @ {Price}", TradeLog.SideText(fill.Side), fill.Bot, fill.Quantity, fill.Asset, fill.Price);
            Context.System.EventStream.Publish(new TradeExecuted(fill));
        }
        else
        {
            var rejection = result.Rejection!;
            if (_log.IsWarningEnabled) _log.Warning("REJECTED {Side} {Bot} {Quantity} {Asset}: {Reason} ({Detail})",
                TradeLog.SideText(order.Side), order.Bot, order.Quantity, order.Asset, rejection.Reason, rejection.Detail);
        }
        return result;
    }

    private static void Reply(OrderResult result, IActorRef bot) =>
        bot.Tell(result.Fill is { } fill ? new OrderFilled(fill) : new OrderRejected(result.Rejection!));

    private void OnStartReplay()
    {
        if (_clock is null)
        {
            Sender.Tell(new Failed("this exchange has no replay clock"));
            return;
        }
        _replayRequester = Sender;
        _replaying = true;
        PumpReplay();
    }

    private void OnStepBatch(StepBatch batch)
    {
        if (!_replaying) return; // a batch still under way when the replay failed
        _blockRequested = false;
        _clockExhausted = batch.IsLast;
        if (!batch.Steps.IsEmpty)
        {
            var block = new PendingBlock(_nextSequence++, batch.Steps, new BlockDecisions?[_botIndex.Count]);
            _inFlight.Enqueue(block);
            Context.System.EventStream.Publish(new PriceBlock(block.Sequence, block.Steps));
        }
        PumpReplay();
    }

    private void OnBlockDecisions(BlockDecisions decisions)
    {
        if (!_replaying) return;
        var block = _inFlight.FirstOrDefault(b => b.Sequence == decisions.Sequence);
        if (!_botIndex.TryGetValue(decisions.Bot, out var index) || block is null || block.Decisions[index] is not null)
        {
            _log.Warning("Ignored decisions of {Bot} for block {Sequence}: unknown bot, or block not open, or already answered", decisions.Bot, decisions.Sequence);
            return;
        }
        block.Decisions[index] = decisions;
        block.Answers++;
        while (_inFlight.TryPeek(out var oldest) && oldest.Answers == _botIndex.Count)
        {
            if (!Settle(_inFlight.Dequeue())) return;
        }
        PumpReplay();
    }

    /// <summary>Keeps up to <see cref="BlocksInFlight"/> blocks published; answers the requester once all are settled.</summary>
    private void PumpReplay()
    {
        if (!_replaying) return;
        if (!_clockExhausted && !_blockRequested && _inFlight.Count < BlocksInFlight)
        {
            _blockRequested = true;
            _clock!.Tell(new RequestSteps(StepsPerBlock));
        }
        if (_clockExhausted && _inFlight.Count == 0)
        {
            _replaying = false;
            _replayRequester?.Tell(new Completed(_step, _trades));
        }
    }

    /// <summary>Settles a block step by step; false (and the replay failed) when a bot expected another outcome.</summary>
    private bool Settle(PendingBlock block)
    {
        var cursors = new int[block.Decisions.Length];
        foreach (var step in block.Steps)
        {
            _step = step.Step;
            foreach (var price in step.Prices) _book.RecordPrice(price.Asset, price.Price);
            for (var bot = 0; bot < block.Decisions.Length; bot++)
            {
                var orders = block.Decisions[bot]!.Orders;
                for (; cursors[bot] < orders.Length && orders[cursors[bot]].Step == step.Step; cursors[bot]++)
                {
                    var placed = orders[cursors[bot]];
                    var result = Execute(placed.Order, step.Step);
                    if (result.Fill != placed.ExpectedFill)
                    {
                        FailReplay(new Failed($"at step {step.Step} bot '{placed.Order.Bot}' expected {Describe(placed.ExpectedFill)} for {placed.Order} but the exchange gave {Describe(result.Fill)}"));
                        return false;
                    }
                }
            }
            _book.CloseStep(step.Step);
        }
        for (var bot = 0; bot < cursors.Length; bot++)
            if (cursors[bot] < block.Decisions[bot]!.Orders.Length)
            {
                var stray = block.Decisions[bot]!.Orders[cursors[bot]];
                FailReplay(new Failed($"bot '{stray.Order.Bot}' placed {stray.Order} at step {stray.Step}, which is not a step of block {block.Sequence} in order"));
                return false;
            }
        return true;

        static string Describe(Fill? fill) => fill is null ? "a rejection" : TradeLog.Describe(fill);
    }

    private void FailReplay(Failed failed)
    {
        _log.Error("Replay failed: {Reason}", failed.Reason);
        _replaying = false;
        _inFlight.Clear();
        _replayRequester?.Tell(failed);
    }

    private Snapshot TakeSnapshot()
    {
        var prices = _book.LastPrices();
        return new Snapshot(_step, [.. _book.Accounts.Select(a => BotSummary.Of(a, prices))], prices.ToImmutableDictionary(StringComparer.Ordinal), [.. _book.AssetSummaries()],
            [.. _recentTrades], _trades);
    }

    private sealed class PendingBlock(long sequence, ImmutableArray<ScenarioStep> steps, BlockDecisions?[] decisions)
    {
        public long Sequence { get; } = sequence;
        public ImmutableArray<ScenarioStep> Steps { get; } = steps;
        public BlockDecisions?[] Decisions { get; } = decisions;
        public int Answers { get; set; }
    }
}
