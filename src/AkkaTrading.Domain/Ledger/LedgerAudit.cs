using AkkaTrading.Domain.Trading;
using static AkkaTrading.Domain.Ledger.LedgerEvent;

namespace AkkaTrading.Domain.Ledger;

/// <summary>
/// Checks a ledger event by event: each event must follow from the ledger before it (<see cref="Ledger.Apply"/>), and after each,
/// the money must add up on its own arithmetic — the cash of all accounts is their initial cash less what the buys cost plus
/// what the sales brought, less the fees, and the fees paid are the fills' fees.
/// </summary>
public sealed class LedgerAudit
{
    private decimal _initial, _bought, _sold, _fees;

    public Ledger Ledger { get; } = new(new ExchangeBook([], historySize: 1, feePercent: 0m));
    public long Events { get; private set; }
    public long Fills { get; private set; }
    public long Rejections { get; private set; }

    /// <exception cref="LedgerInconsistencyException">the first event where it does not add up</exception>
    public void Add(LedgerEvent e)
    {
        Ledger.Apply(e);
        Events++;
        switch (e)
        {
            case AccountOpened opened:
                _initial += opened.InitialCash;
                break;
            case OrderFilled { Fill: var fill }:
                Fills++;
                if (fill.Side == Side.Buy) _bought += fill.Notional;
                else _sold += fill.Notional;
                _fees += fill.Fee;
                break;
            case OrderRejected:
                Rejections++;
                break;
        }
        if (e is not (AccountOpened or OrderFilled)) return;
        var accounts = Ledger.Book.Accounts;
        var cash = accounts.Sum(a => a.Cash);
        var expected = _initial - _bought + _sold - _fees;
        if (cash != expected)
            throw new LedgerInconsistencyException(e,
                $"money is not conserved: the accounts hold {cash} in cash, the fills give {expected}");
        var fees = accounts.Sum(a => a.FeesPaid);
        if (fees != _fees) throw new LedgerInconsistencyException(e, $"the accounts paid {fees} in fees, the fills charged {_fees}");
    }
}
