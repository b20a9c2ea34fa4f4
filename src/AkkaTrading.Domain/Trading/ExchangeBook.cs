using AkkaTrading.Domain.Accounts;

namespace AkkaTrading.Domain.Trading;

/// <summary>
/// The exchange's rules as plain code: each known asset's current price and bounded history, every
/// bot's account, and market orders validated and filled at the current price. A rejected order
/// changes nothing.
/// </summary>
public sealed class ExchangeBook
{
    private readonly Dictionary<string, PriceWindow> _histories = new(StringComparer.Ordinal);
    private readonly AssetMap<PriceWindow> _historyOf = new(); // the same histories, for the hot path
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly List<Account> _accountsInOrder = new();
    private Func<string, decimal?>? _currentPrice;
    private readonly Reporting.RunRecorder? _recorder;

    /// <param name="recorder">when given, records every step and fill for a report</param>
    /// <param name="statistics">follow every bot's performance (<see cref="Statistics"/>); a bot's own copy of its account has no
    /// need to</param>
    public ExchangeBook(IEnumerable<string> assets, int historySize, decimal feePercent, Reporting.RunRecorder? recorder = null,
        bool statistics = true)
    {
        _recorder = recorder;
        Statistics = statistics ? new Reporting.BotStatistics() : null;
        if (historySize < 1) throw new ArgumentOutOfRangeException(nameof(historySize), historySize, "history size must be at least 1");
        if (feePercent is < 0m or > 100m) throw new ArgumentOutOfRangeException(nameof(feePercent), feePercent,
            "fee must be within 0..100 percent");
        foreach (var asset in assets)
        {
            var history = new PriceWindow(historySize);
            if (_histories.TryAdd(asset, history)) _historyOf.Add(asset, history);
        }
        FeePercent = feePercent;
    }

    public decimal FeePercent { get; }

    /// <summary>Every bot's performance, fed by the fills and the closed steps; null when not followed.</summary>
    public Reporting.BotStatistics? Statistics { get; }

    /// <summary>Accounts in the order they were opened.</summary>
    public IReadOnlyList<Account> Accounts => _accountsInOrder;

    public Account OpenAccount(string bot, decimal initialCash)
    {
        if (_accounts.ContainsKey(bot)) throw new ArgumentException($"bot '{bot}' already has an account", nameof(bot));
        var account = new Account(bot, initialCash);
        _accounts.Add(bot, account);
        _accountsInOrder.Add(account);
        Statistics?.Open(bot, initialCash);
        return account;
    }

    public Account? AccountOf(string bot) => _accounts.GetValueOrDefault(bot);

    /// <summary>The bot's standing at these prices, with its statistics.</summary>
    public Reporting.BotSummary SummaryOf(Account account, IReadOnlyDictionary<string, decimal> lastPrices) =>
        Reporting.BotSummary.Of(account, lastPrices, Statistics?.Of(account.Bot));

    /// <summary>Records a new price; false (and nothing recorded) for an unknown asset or a price outside 0 &lt; price ≤ 10^9.</summary>
    public bool RecordPrice(string asset, decimal price)
    {
        if (price is <= 0m or > LedgerLimits.MaxPrice || !_historyOf.TryGetValue(asset, out var history)) return false;
        history.Add(price);
        return true;
    }

    public decimal? CurrentPrice(string asset) => _historyOf.TryGetValue(asset, out var history) ? history.Last : null;

    /// <summary>The last <paramref name="count"/> prices of the asset, oldest first (fewer if fewer are held).</summary>
    public decimal[] History(string asset, int count) =>
        _histories.TryGetValue(asset, out var history) ? history.Latest(count) : [];

    public IReadOnlyDictionary<string, decimal> LastPrices() =>
        _histories.Where(h => h.Value.Last.HasValue).ToDictionary(h => h.Key, h => h.Value.Last!.Value, StringComparer.Ordinal);

    /// <summary>Every asset that has had a price, with its first, last, lowest and highest price so far.</summary>
    public IReadOnlyList<Reporting.AssetSummary> AssetSummaries() =>
        [.. _histories.Where(h => h.Value.Last.HasValue)
            .Select(h => new Reporting.AssetSummary(h.Key, h.Value.First, h.Value.Last!.Value, h.Value.Min, h.Value.Max))];

    /// <summary>
    /// Ends a step (a price, in a live run): every account's equity at the current prices updates its statistics;
    /// <paramref name="time"/> is the step's timestamp, in a replay of market data.
    /// </summary>
    public void CloseStep(long step, DateTime? time = null)
    {
        _currentPrice ??= CurrentPrice;
        for (var i = 0; i < _accountsInOrder.Count; i++)
        {
            var account = _accountsInOrder[i];
            var holdings = account.Holdings(_currentPrice);
            Statistics?.OnStep(i, account, holdings, time);
            _recorder?.OnEquity(step, time, account.Bot, account.Cash, holdings);
        }
        if (_recorder is null) return;
        foreach (var (asset, history) in _histories)
            if (history.Last is { } price) _recorder.OnPrice(step, time, asset, price);
    }

    /// <param name="time">the step's timestamp, in a replay of market data: the fill carries it</param>
    public OrderResult Submit(Order order, long step, DateTime? time = null)
    {
        if (!_accounts.TryGetValue(order.Bot, out var account))
            return Reject(RejectReason.UnknownBot);
        if (!_historyOf.TryGetValue(order.Asset, out var history))
            return Reject(RejectReason.UnknownAsset);
        if (history.Last is not { } price)
            return Reject(RejectReason.NoPrice);
        if (account.Check(order, price, FeePercent) is { } problem)
            return Reject(problem.Reason, problem.Required, problem.Available);

        var fill = new Fill(step, order.Bot, order.Asset, order.Side, order.Quantity, price, Fees.For(order.Quantity * price, FeePercent),
            time);
        Apply(account, fill);
        return OrderResult.Filled(fill);

        OrderResult Reject(RejectReason reason, decimal required = 0m, decimal available = 0m) =>
            OrderResult.Rejected(new Rejection(step, order, reason, required, available));
    }

    /// <summary>Books a fill into its account and tells the statistics and the recorder: the one way a fill changes the book, live
    /// or recovered from a ledger.</summary>
    public void Apply(Account account, Fill fill)
    {
        account.Apply(fill);
        Statistics?.OnFill(fill);
        _recorder?.OnFill(fill);
    }
}
