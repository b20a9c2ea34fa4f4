using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Ledger;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Persistence;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;
using static AkkaTrading.Engine.Protocol.Replay;
using static AkkaTrading.Engine.Protocol.Server;

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
public sealed partial class ExchangeActor : ReceiveActor, IWithUnboundedStash
{
    public const int StepsPerBlock = 1024;
    public const int BlocksInFlight = 4;

    /// <summary>
    /// Orders a block can hold at most (a bot places at most one per asset and step): with many bots and assets a
    /// block has fewer steps, so that the decisions in flight — an order and its expected outcome each — stay
    /// within a few tens of MB.
    /// </summary>
    public const int OrdersPerBlock = 64 * 1024;

    /// <summary>Steps per block: <see cref="StepsPerBlock"/>, fewer with many bots and assets, at least 16.</summary>
    public static int StepsPerBlockFor(int bots, int assets) => Math.Clamp(OrdersPerBlock / Math.Max(1, bots * assets), 16, StepsPerBlock);
    public const int RecentTradesKept = 10;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly EventStream _bus;
    private readonly ExchangeBook _book;
    private readonly Dictionary<string, int> _botIndex = new(StringComparer.Ordinal);
    private readonly IActorRef? _replayClock;
    private readonly RunRecorder? _recorder;
    private readonly TransactionLog _transactions;
    private readonly int _stepsPerBlock;

    // Server state: the stamped log of recent events clients resume from, and each bot's recent client order ids.
    private readonly EventLog? _events;
    private readonly TimeProvider _clock;
    private readonly ClientOrderIds _clientOrderIds = new();
    private long _step;
    private readonly Queue<Fill> _recentTrades = new();

    // Replay state
    private readonly Queue<PendingBlock> _inFlight = new();
    private IActorRef? _replayRequester;
    private long _nextSequence;
    private bool _replaying, _clockExhausted, _blockRequested;

    public ExchangeActor(ExchangeSettings settings, IReadOnlyList<string> assets, IReadOnlyList<BotAccount> bots, IActorRef? clock,
        bool record, TransactionLog transactions, int eventLogSize, TimeProvider time, ServerLedger? ledger, EventStream? bus)
    {
        _bus = bus ?? Context.System.EventStream;
        _transactions = transactions;
        _events = eventLogSize > 0 ? new EventLog(eventLogSize) : null;
        _clock = time;
        _recorder = record ? new RunRecorder() : null;
        _book = new ExchangeBook(assets, settings.HistorySize, settings.FeePercent, _recorder);
        foreach (var bot in bots) _botIndex.Add(bot.Name, _botIndex.Count);
        _replayClock = clock;
        _stepsPerBlock = StepsPerBlockFor(bots.Count, assets.Count);
        _configuredBots = bots;
        _ledgerOptions = ledger;

        if (_events is null)
        {
            foreach (var bot in bots) _book.OpenAccount(bot.Name, bot.InitialCash);
            Ready();
            return;
        }
        _ledger = new Ledger(_book, _clientOrderIds);
        _recentOutcomes = new Queue<LedgerEvent>();
        if (ledger?.Journal is { } journal)
        {
            _journal = Context.ActorOf(journal(Self), "ledger");
            Recovering();
            return;
        }
        OpenConfiguredAccounts();
        Ready();
        ledger?.Health.OnRecovered();
    }

    private void Ready()
    {
        Receive<PriceTick>(OnPriceTick);
        Receive<PlaceOrder>(o =>
        {
            var bot = Sender;
            var (result, _) = Execute(o.Order, clientOrderId: null);
            AfterWrites(() => Reply(result, bot));
        });
        Receive<SubmitOrder>(OnSubmitOrder);
        Receive<OpenAccount>(OnOpenAccount);
        Receive<GetEvents>(q => Sender.Tell(_events?.After(q.After, q.Max) ?? new EventPage([], 0, 1, Gone: false)));
        Receive<GetAccount>(q => AnswerAfterWrites(new AccountState(q.Bot,
            _book.AccountOf(q.Bot) is { } a ? _book.SummaryOf(a, _book.LastPrices()) : null)));
        Receive<Start>(_ => OnStartReplay());
        Receive<StepBatch>(OnStepBatch);
        Receive<BlockDecisions>(OnBlockDecisions);
        Receive<Failed>(FailReplay);
        Receive<GetPrice>(q => Sender.Tell(new CurrentPrice(q.Asset, _book.CurrentPrice(q.Asset))));
        Receive<GetHistory>(q => Sender.Tell(new PriceHistory(q.Asset, [.. _book.History(q.Asset, q.Count)])));
        Receive<GetSnapshot>(_ => AnswerAfterWrites(TakeSnapshot()));
        Receive<GetRecording>(_ => Sender.Tell((_recorder ?? new RunRecorder()).Recording()));
        Receive<GetRegisteredTokens>(_ => Sender.Tell(new RegisteredTokens(
            new Dictionary<string, string>(_ledger?.TokenHashes ?? new Dictionary<string, string>(), StringComparer.Ordinal))));
        Receive<LedgerJournal.Durable>(OnDurable);
        Receive<FlushWrites>(_ => Flush());
        Receive<LedgerJournal.Failed>(OnStoreFailed);
    }

    /// <param name="record">record equity curves, prices and fills for a report (<see cref="GetRecording"/>)</param>
    /// <param name="transactions">where every fill and rejection is logged; none when not given</param>
    /// <param name="eventLogSize">in a server: stamp every price, trade and rejection with a sequence number and keep the last this
    /// many; the accounts are then a <see cref="Ledger"/></param>
    /// <param name="time">the clock of the stamps (the system's unless given)</param>
    /// <param name="ledger">in a server: where the ledger is written and how its recovery is reported</param>
    /// <param name="bus">where prices, blocks and trades are published: the run's event bus (the actor system's EventStream
    /// unless given), so that runs sharing an actor system never hear each other</param>
    public static Props Props(ExchangeSettings settings, IReadOnlyList<string> assets, IReadOnlyList<BotAccount> bots,
        IActorRef? clock = null,
        bool record = false, TransactionLog? transactions = null, int eventLogSize = 0, TimeProvider? time = null,
        ServerLedger? ledger = null, EventStream? bus = null) =>
        Akka.Actor.Props.Create(() => new ExchangeActor(settings, assets, bots, clock, record, transactions ?? TransactionLog.None,
            eventLogSize, time ?? TimeProvider.System, ledger, bus));

    private void OnPriceTick(PriceTick tick)
    {
        if (!_book.RecordPrice(tick.Asset, tick.Price))
        {
            _log.Warning("Ignored price {Price} for {Asset} from {Source}: unknown asset, or not within 0 < price <= {MaxPrice}",
                tick.Price, tick.Asset, Sender.Path, LedgerLimits.MaxPrice);
            return;
        }
        _book.CloseStep(++_step);
        _bus.Publish(new PriceChanged(_step, tick.Asset, tick.Price));
        if (_events is null) return;
        var stamped = new ExchangeEvent(NextSeq(), _clock.GetUtcNow(), new PriceData(tick.Asset, tick.Price));
        AfterWrites(() => Publish(stamped));
    }

    /// <summary>
    /// Executes a live order. In a server the ledger writes it down, and it is logged, published and stamped into the event log
    /// once that is durable (answers sent after <see cref="AfterWrites"/> follow it); its sequence number is returned.
    /// </summary>
    private (OrderResult Result, long Seq) Execute(Order order, string? clientOrderId)
    {
        if (_ledger is null)
        {
            var plain = _book.Submit(order, _step);
            Report(order, plain);
            return (plain, 0);
        }
        var seq = NextSeq();
        var time = _clock.GetUtcNow();
        var (result, accepted, outcome) = _ledger.Execute(order, clientOrderId, seq, _step, time);
        KeepRecent(outcome); // before the write, which may take a snapshot that must hold it
        Write([accepted, outcome]);
        var stamped = new ExchangeEvent(seq, time, result.Fill is { } fill ? new TradeData(fill, clientOrderId)
            : new RejectionData(result.Rejection!, clientOrderId));
        AfterWrites(() =>
        {
            Report(order, result);
            Publish(stamped);
        });
        return (result, seq);
    }

    private void OnSubmitOrder(SubmitOrder submit)
    {
        var (bot, id) = (submit.Order.Bot, submit.ClientOrderId);
        if (id is not null && _clientOrderIds.TryGet(bot, id, out var first))
        {
            AnswerAfterWrites(new OrderOutcome(first.Result, id, first.Seq, Repeated: true));
            return;
        }
        var (result, seq) = Execute(submit.Order, id);
        if (_ledger is null && id is not null) _clientOrderIds.Remember(bot, id, result, seq);
        AnswerAfterWrites(new OrderOutcome(result, id, seq, Repeated: false));
    }

    private void OnOpenAccount(OpenAccount open)
    {
        // names differing only in case would be told apart by the exchange but not by the people reading its trades
        var existed = _book.Accounts.Any(a => string.Equals(a.Bot, open.Bot, StringComparison.OrdinalIgnoreCase));
        if (!existed) OpenAccountNow(open.Bot, open.InitialCash, open.TokenHash);
        if (!Sender.Equals(Context.System.DeadLetters)) AnswerAfterWrites(new AccountOpened(open.Bot, existed)); // none at start
    }

    /// <summary>Logs an executed order and, when filled, counts and publishes the trade.</summary>
    private void Report(Order order, OrderResult result)
    {
        if (result.Fill is { } fill)
        {
            RememberTrade(fill);
            _transactions.Filled(fill);
            _bus.Publish(new TradeExecuted(fill));
        }
        else
        {
            _transactions.Rejected(order, result.Rejection!);
        }
    }

    private void RememberTrade(Fill fill)
    {
        _recentTrades.Enqueue(fill);
        if (_recentTrades.Count > RecentTradesKept) _recentTrades.Dequeue();
    }

    private static void Reply(OrderResult result, IActorRef bot) =>
        bot.Tell(result.Fill is { } fill ? new OrderFilled(fill) : new OrderRejected(result.Rejection!));

    private void OnStartReplay()
    {
        if (_replayClock is null)
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
            _bus.Publish(new PriceBlock(block.Sequence, block.Steps));
        }
        PumpReplay();
    }

    private void OnBlockDecisions(BlockDecisions decisions)
    {
        if (!_replaying) return;
        var block = _inFlight.FirstOrDefault(b => b.Sequence == decisions.Sequence);
        if (!_botIndex.TryGetValue(decisions.Bot, out var index) || block is null || block.Decisions[index] is not null)
        {
            _log.Warning("Ignored decisions of {Bot} for block {Sequence}: unknown bot, or block not open, or already answered",
                decisions.Bot, decisions.Sequence);
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
            _replayClock!.Tell(new RequestSteps(_stepsPerBlock));
        }
        if (_clockExhausted && _inFlight.Count == 0)
        {
            _replaying = false;
            _replayRequester?.Tell(new Completed(_step, TradeCount()));
        }
    }

    /// <summary>Settles a block (<see cref="BlockSettlement"/>); false, and the replay failed, when a bot expected another
    /// outcome.</summary>
    private bool Settle(PendingBlock block)
    {
        var problem = BlockSettlement.Settle(_book, block.Steps, [.. block.Decisions.Select(d => (IReadOnlyList<StepOrder>)d!.Orders)],
            Report);
        if (block.Steps.Length > 0) _step = block.Steps[^1].Step;
        if (problem is null) return true;
        FailReplay(new Failed(problem));
        return false;
    }

    private void FailReplay(Failed failed)
    {
        _log.Error("Replay failed: {Reason}", failed.Reason);
        _replaying = false;
        _inFlight.Clear();
        _replayRequester?.Tell(failed);
    }

    private long TradeCount() => _book.Accounts.Sum(a => (long)a.TradeCount);

    private Snapshot TakeSnapshot()
    {
        var prices = _book.LastPrices();
        return new Snapshot(_step, [.. _book.Accounts.Select(a => _book.SummaryOf(a, prices))],
            prices.ToImmutableDictionary(StringComparer.Ordinal), [.. _book.AssetSummaries()],
            [.. _recentTrades], TradeCount());
    }

    private sealed class PendingBlock(long sequence, ImmutableArray<ScenarioStep> steps, BlockDecisions?[] decisions)
    {
        public long Sequence { get; } = sequence;
        public ImmutableArray<ScenarioStep> Steps { get; } = steps;
        public BlockDecisions?[] Decisions { get; } = decisions;
        public int Answers { get; set; }
    }
}
