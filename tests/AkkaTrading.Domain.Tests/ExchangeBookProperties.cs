using System.Numerics;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;
using CsCheck;

namespace AkkaTrading.Domain.Tests;

/// <summary>
/// Random order streams on an <see cref="ExchangeBook"/>: random bots (some unknown), assets (some unknown), prices
/// (huge, tiny, out of range, none yet), quantities (0, negative, fractional, huge), sides and fees.
/// </summary>
public class ExchangeBookProperties
{
    /// <summary>Streams per run; set LEDGER_ITERATIONS (and LEDGER_SEED to repeat one) to hunt longer.</summary>
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("LEDGER_ITERATIONS"), out var n) ? n : 2_000;

    private static readonly string[] Bots = ["a", "b", "ghost"];      // "ghost" has no account
    private static readonly string[] Assets = ["ALFA", "BETA", "ZETA"]; // ZETA is not traded

    private abstract record Op;
    private sealed record Price(string Asset, decimal Value) : Op;
    private sealed record Submit(Order Order) : Op;
    private sealed record Close : Op;

    private static Gen<T> Pick<T>(params T[] items) => Gen.Int[0, items.Length - 1].Select(i => items[i]);

    private static decimal Scaled(long mantissa, int scale) => new decimal(mantissa) / (decimal)Math.Pow(10, scale);

    private static readonly Gen<decimal> PriceGen = Gen.Frequency(
        (6, Gen.Int[1, 100_000].Select(c => c / 100m)),                                 // 0.01 .. 1000.00
        (2, Gen.Long[1, 100_000_000_000L].Select(c => c / 100m)),                       // up to 10^9
        (2, Gen.Select(Gen.Long[1, 999_999_999L], Gen.Int[3, 20], Scaled)),             // tiny, many decimals
        (1, Pick(LedgerLimits.MaxPrice, LedgerLimits.MaxPrice + 0.01m, 0m, -5m, 1e28m)));

    private static readonly Gen<decimal> QuantityGen = Gen.Frequency(
        (8, Gen.Int[1, 50].Select(q => (decimal)q)),
        (2, Gen.Long[1, 1_000_000_000L].Select(q => (decimal)q)),
        (1, Pick(0m, -3m, 2.5m, 0.0001m, 1e15m, 1e15m + 1, 1e28m, decimal.MaxValue)));

    private static readonly Gen<decimal> CashGen = Gen.Frequency(
        (4, Gen.Int[0, 1_000_000].Select(c => c / 100m)),
        (2, Gen.Long[0, 1_000_000_000_000_000L].Select(c => (decimal)c)),
        (1, Pick(0m, 1e15m, LedgerLimits.MaxCash, 0.0000001m)));

    private static readonly Gen<decimal> FeeGen = Gen.Frequency(
        (3, Gen.Const(0m)), (3, Gen.Int[0, 10_000].Select(f => f / 100m)), (1, Pick(0.001m, 33.333333m, 100m)));

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (3, Gen.Select(Pick(Assets), PriceGen, (a, p) => (Op)new Price(a, p))),
        (6, Gen.Select(Pick(Bots), Pick(Assets), Pick(Side.Buy, Side.Sell), QuantityGen,
            (b, a, s, q) => (Op)new Submit(new Order(b, a, s, q)))),
        (1, Gen.Const((Op)new Close())));

    private static readonly Gen<(decimal Fee, decimal CashA, decimal CashB, Op[] Ops)> Streams =
        Gen.Select(FeeGen, CashGen, CashGen, OpGen.Array[0, 150]);

    [Fact]
    public void Money_is_conserved_no_account_goes_negative_or_past_its_limits_and_a_rejection_changes_nothing()
    {
        Streams.Sample(s => Replay(s.Fee, s.CashA, s.CashB, s.Ops), iter: Iterations,
            seed: Environment.GetEnvironmentVariable("LEDGER_SEED"));
    }

    private static void Replay(decimal fee, decimal cashA, decimal cashB, Op[] ops)
    {
        var book = new ExchangeBook(["ALFA", "BETA"], historySize: 5, fee);
        book.OpenAccount("a", cashA);
        book.OpenAccount("b", cashB);
        var fills = new List<Fill>();
        long step = 0;
        foreach (var op in ops)
        {
            switch (op)
            {
                case Price p:
                    var before = book.CurrentPrice(p.Asset);
                    var recorded = book.RecordPrice(p.Asset, p.Value);
                    Assert.Equal(p.Asset != "ZETA" && p.Value is > 0m and <= LedgerLimits.MaxPrice, recorded);
                    Assert.Equal(recorded ? p.Value : before, book.CurrentPrice(p.Asset));
                    break;
                case Submit s:
                    Execute(book, s.Order, step, fills);
                    break;
                default:
                    book.CloseStep(++step);
                    break;
            }
            foreach (var account in book.Accounts) WithinLimits(account);
        }
        foreach (var account in book.Accounts) AddsUp(account, fills.Where(f => f.Bot == account.Bot).ToList());
    }

    /// <summary>
    /// A rejection changes no account. A fill at price p of asset x changes only its bot's cash and position in x,
    /// and by exactly: (cash + position in x × p) after = (cash + position in x × p) before − fee, where the fee is
    /// the fee percentage of quantity × p.
    /// </summary>
    private static void Execute(ExchangeBook book, Order order, long step, List<Fill> fills)
    {
        var states = book.Accounts.ToDictionary(a => a.Bot, State);
        var price = book.CurrentPrice(order.Asset);
        var heldBefore = book.AccountOf(order.Bot)?.PositionIn(order.Asset).Quantity ?? 0m;

        var result = book.Submit(order, step);

        if (result.Fill is not { } fill)
        {
            Assert.NotNull(result.Rejection);
            Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Detail));
            foreach (var account in book.Accounts) Assert.Equal(states[account.Bot], State(account));
            return;
        }
        fills.Add(fill);
        Assert.Equal((order.Bot, order.Asset, order.Side, order.Quantity, price),
            (fill.Bot, fill.Asset, fill.Side, fill.Quantity, (decimal?)fill.Price));
        Assert.Equal(Fees.For(fill.Quantity * fill.Price, book.FeePercent), fill.Fee);
        Assert.Equal(ExactMoney.Times(fill.Quantity, fill.Price), ExactMoney.Of(fill.Notional));
        foreach (var account in book.Accounts.Where(a => a.Bot != order.Bot)) Assert.Equal(states[account.Bot], State(account));

        var trader = book.AccountOf(order.Bot)!;
        var (cashBefore, _, tradesBefore, feesBefore) = states[order.Bot];
        BigInteger Value(decimal cash, decimal held) => ExactMoney.Of(cash) + ExactMoney.Times(held, fill.Price);
        var heldAfter = trader.PositionIn(order.Asset).Quantity;
        Assert.Equal(heldBefore + (order.Side == Side.Buy ? order.Quantity : -order.Quantity), heldAfter);
        Assert.Equal(Value(cashBefore, heldBefore) - ExactMoney.Of(fill.Fee), Value(trader.Cash, heldAfter));
        Assert.Equal(ExactMoney.Of(feesBefore) + ExactMoney.Of(fill.Fee), ExactMoney.Of(trader.FeesPaid));
        Assert.Equal(tradesBefore + 1, trader.TradeCount);
    }

    private static (decimal Cash, string Positions, long Trades, decimal Fees) State(Account account) =>
        (account.Cash, string.Join(";", account.Positions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            account.TradeCount, account.FeesPaid);

    private static void WithinLimits(Account account)
    {
        Assert.InRange(account.Cash, 0m, LedgerLimits.MaxCash);
        foreach (var position in account.Positions.Values)
            Assert.InRange(position.Quantity, 1m, LedgerLimits.MaxPosition);
    }

    /// <summary>Over the whole stream: cash = initial − bought + sold − fees exactly; trades, fees and positions add up.</summary>
    private static void AddsUp(Account account, List<Fill> fills)
    {
        var flow = fills.Aggregate(BigInteger.Zero, (sum, f) =>
            sum + (f.Side == Side.Buy ? -1 : 1) * ExactMoney.Times(f.Quantity, f.Price) - ExactMoney.Of(f.Fee));
        Assert.Equal(ExactMoney.Of(account.InitialCash) + flow, ExactMoney.Of(account.Cash));
        Assert.Equal(fills.Count, account.TradeCount);
        Assert.Equal(fills.Aggregate(BigInteger.Zero, (sum, f) => sum + ExactMoney.Of(f.Fee)), ExactMoney.Of(account.FeesPaid));
        foreach (var asset in fills.Select(f => f.Asset).Distinct())
            Assert.Equal(fills.Where(f => f.Asset == asset).Sum(f => f.Side == Side.Buy ? f.Quantity : -f.Quantity),
                account.PositionIn(asset).Quantity);
    }
}
