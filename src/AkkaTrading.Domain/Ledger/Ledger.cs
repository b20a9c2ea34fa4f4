using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Domain.Ledger;

/// <summary>
/// The exchange's accounts as the fold of its <see cref="LedgerEvent"/>s. A server <see cref="Execute"/>s each order into an
/// acceptance and an outcome; recovering, it <see cref="Apply"/>s the events it wrote, and the accounts, positions, average
/// entry prices, trade counts and remembered client order ids come out the same. <see cref="Apply"/> also checks each event
/// against the ledger before it (money conserved, orders answered once, numbers in order): <c>ledger verify</c> is a fold.
/// </summary>
public sealed class Ledger(ExchangeBook book, ClientOrderIds? clientOrderIds = null)
{
    private OrderAccepted? _accepted;
    private readonly Dictionary<string, string> _tokenHashes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Bot, string Asset), decimal> _lastBuys = new();

    /// <summary>The accounts (and the prices, which the ledger does not keep).</summary>
    public ExchangeBook Book { get; } = book;

    public ClientOrderIds ClientOrderIds { get; } = clientOrderIds ?? new ClientOrderIds();

    /// <summary>The sequence number of the newest event.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The highest sequence number the exchange may have stamped (<see cref="SeqReserved"/>).</summary>
    public long ReservedSeq { get; private set; }

    /// <summary>The price of each bot's last buy of each asset: what a strategy resumes from after a restart.</summary>
    public IReadOnlyDictionary<(string Bot, string Asset), decimal> LastBuys => _lastBuys;

    /// <summary>The token hashes of the bots that registered while a server ran, by bot.</summary>
    public IReadOnlyDictionary<string, string> TokenHashes => _tokenHashes;

    /// <summary>The step (price count) of the newest fill or rejection, so that a restarted exchange counts on from it.</summary>
    public long LastStep { get; private set; }

    /// <summary>Opens an account at sequence number <paramref name="seq"/> (that of the event before it).</summary>
    public AccountOpened Open(string bot, decimal initialCash, long seq, DateTimeOffset time, string? tokenHash = null)
    {
        var opened = new AccountOpened(seq, time, bot, initialCash, tokenHash);
        Apply(opened);
        return opened;
    }

    /// <summary>Executes an order under the exchange's rules (<see cref="ExchangeBook.Submit"/>) and returns its events.</summary>
    public (OrderResult Result, OrderAccepted Accepted, LedgerEvent Outcome) Execute(Order order, string? clientOrderId, long seq,
        long step, DateTimeOffset time)
    {
        var accepted = new OrderAccepted(seq, time, order, clientOrderId);
        Apply(accepted);
        var result = Book.Submit(order, step);
        LedgerEvent outcome = result.Fill is { } fill
            ? new OrderFilled(seq, time, fill, clientOrderId, Book.AccountOf(order.Bot)!.Cash)
            : new OrderRejected(seq, time, result.Rejection!, clientOrderId);
        Answer(outcome, order, clientOrderId, result);
        return (result, accepted, outcome);
    }

    /// <summary>Reserves sequence numbers up to <paramref name="upTo"/>.</summary>
    public SeqReserved Reserve(long upTo, DateTimeOffset time)
    {
        var reserved = new SeqReserved(upTo, time);
        Apply(reserved);
        return reserved;
    }

    /// <summary>Continues from a snapshot's numbers.</summary>
    internal void Resume(long lastSeq, long reservedSeq, long lastStep, IEnumerable<AccountSnapshot> accounts)
    {
        (LastSeq, ReservedSeq, LastStep) = (lastSeq, reservedSeq, lastStep);
        foreach (var account in accounts)
        {
            if (account.TokenHash is { } hash) _tokenHashes[account.Bot] = hash;
            foreach (var (asset, price) in account.LastBuys) _lastBuys[(account.Bot, asset)] = price;
        }
    }

    /// <summary>Applies one event written before.</summary>
    /// <exception cref="LedgerInconsistencyException">the event does not follow from the ledger so far</exception>
    public void Apply(LedgerEvent e)
    {
        switch (e)
        {
            case AccountOpened opened:
                RequireNoOpenOrder(e);
                if (opened.Seq < LastSeq) throw new LedgerInconsistencyException(e, $"comes after event {LastSeq}");
                if (Book.AccountOf(opened.Bot) is not null) throw new LedgerInconsistencyException(e, "the account is open already");
                if (opened.InitialCash is < 0m or > LedgerLimits.MaxCash)
                    throw new LedgerInconsistencyException(e, $"initial cash {opened.InitialCash} is outside 0..{LedgerLimits.MaxCash}");
                Book.OpenAccount(opened.Bot, opened.InitialCash);
                if (opened.TokenHash is { } hash) _tokenHashes[opened.Bot] = hash;
                LastSeq = opened.Seq;
                break;
            case OrderAccepted accepted:
                RequireNoOpenOrder(e);
                if (accepted.Seq <= LastSeq) throw new LedgerInconsistencyException(e, $"does not come after event {LastSeq}");
                _accepted = accepted;
                break;
            case OrderFilled filled:
                var order = RequireAccepted(e, filled.Fill.Bot, filled.ClientOrderId);
                ApplyFill(filled, order);
                Answer(e, order, filled.ClientOrderId, OrderResult.Filled(filled.Fill));
                break;
            case OrderRejected rejected:
                var refused = RequireAccepted(e, rejected.Rejection.Order.Bot, rejected.ClientOrderId);
                if (rejected.Rejection.Order != refused)
                    throw new LedgerInconsistencyException(e, $"rejects {rejected.Rejection.Order}, not the order accepted ({refused})");
                Answer(e, refused, rejected.ClientOrderId, OrderResult.Rejected(rejected.Rejection));
                break;
            case SeqReserved reserved:
                ReservedSeq = Math.Max(ReservedSeq, reserved.Seq);
                break;
        }
    }

    private void ApplyFill(OrderFilled filled, Order order)
    {
        var fill = filled.Fill;
        if (fill.Asset != order.Asset || fill.Side != order.Side || fill.Quantity != order.Quantity)
            throw new LedgerInconsistencyException(filled,
                $"fills {fill.Side} {fill.Quantity} {fill.Asset}, not the order accepted ({order})");
        var account = Book.AccountOf(fill.Bot) ?? throw new LedgerInconsistencyException(filled, $"bot '{fill.Bot}' has no account");
        if (fill.Price is <= 0m or > LedgerLimits.MaxPrice || fill.Fee < 0m)
            throw new LedgerInconsistencyException(filled, $"price {fill.Price} or fee {fill.Fee} is out of range");
        if (account.Check(order, fill.Price, 0m) is { Reason: not RejectReason.InsufficientCash } problem)
            throw new LedgerInconsistencyException(filled, $"the exchange would have refused it: {problem.Reason}");
        try
        {
            Book.Apply(account, fill);
        }
        catch (InvalidOperationException)
        {
            throw new LedgerInconsistencyException(filled, "its amounts cannot be booked exactly");
        }
        if (account.Cash < 0m) throw new LedgerInconsistencyException(filled, $"leaves {fill.Bot} with cash {account.Cash}");
        if (account.Cash != filled.CashAfter)
            throw new LedgerInconsistencyException(filled, $"records cash {filled.CashAfter} after it, but the fills give {account.Cash}");
    }

    private void RequireNoOpenOrder(LedgerEvent e)
    {
        if (_accepted is { } open) throw new LedgerInconsistencyException(e, $"the order accepted as event {open.Seq} has no outcome");
    }

    private Order RequireAccepted(LedgerEvent outcome, string bot, string? clientOrderId)
    {
        if (_accepted is not { } accepted) throw new LedgerInconsistencyException(outcome, "no order was accepted before it");
        if (accepted.Seq != outcome.Seq || accepted.Order.Bot != bot || accepted.ClientOrderId != clientOrderId)
            throw new LedgerInconsistencyException(outcome, $"is not the outcome of the order accepted as event {accepted.Seq}");
        // An id answered again is one a restarted server no longer remembered (a snapshot keeps only the newest): its new outcome
        // is the one remembered from here on, as it was by the server.
        if (clientOrderId is not null) ClientOrderIds.Forget(bot, clientOrderId);
        return accepted.Order;
    }

    private void Answer(LedgerEvent outcome, Order order, string? clientOrderId, OrderResult result)
    {
        if (clientOrderId is not null) ClientOrderIds.Remember(order.Bot, clientOrderId, result, outcome.Seq);
        if (result.Fill is { Side: Side.Buy } bought) _lastBuys[(bought.Bot, bought.Asset)] = bought.Price;
        _accepted = null;
        LastSeq = outcome.Seq;
        LastStep = Math.Max(LastStep, result.Fill?.Step ?? result.Rejection!.Step);
    }
}
