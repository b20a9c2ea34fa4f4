using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Reporting;

/// <summary>
/// Every bot's performance, kept apart from the accounts: it follows the fills and, after each step, each account's equity.
/// The ledger is money; this is what is said about it.
/// </summary>
public sealed class BotStatistics
{
    private readonly Dictionary<string, PerformanceTracker> _trackers = new(StringComparer.Ordinal);
    private readonly List<PerformanceTracker> _inOrder = new(); // by the order the accounts were opened: the hot path's lookup

    public void Open(string bot, decimal initialCash)
    {
        var tracker = new PerformanceTracker(initialCash);
        _trackers.Add(bot, tracker);
        _inOrder.Add(tracker);
    }

    public void OnFill(Fill fill)
    {
        if (_trackers.TryGetValue(fill.Bot, out var tracker)) tracker.OnFill(fill);
    }

    /// <param name="index">the account's place in the order the accounts were opened</param>
    /// <param name="holdings">the account's holdings valued at the step's prices</param>
    public void OnStep(int index, Account account, decimal holdings, DateTime? time) =>
        _inOrder[index].OnStep(account.Cash + holdings, account.Positions.Count > 0, time);

    /// <summary>The bot's performance so far (none yet for a bot this does not follow).</summary>
    public Performance Of(string bot) =>
        _trackers.TryGetValue(bot, out var tracker) ? tracker.Result() : new PerformanceTracker(0m).Result();
}
