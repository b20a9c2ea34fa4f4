using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// Many combinations in one pass over a scenario's steps: each is a bot with an account of its own at one exchange, as in a
/// replay. Bots never affect one another (a market order fills at the source's price), so a combination's figures do not
/// depend on which others share its pass: a sweep may cut its combinations into passes as it likes. Investors and Hamsters
/// run through <see cref="FastSweepPass"/> when it can vouch for the same figures, anything else through the reference replay.
/// </summary>
public static class SweepPass
{
    /// <returns>each bot's standing after the last step of <paramref name="range"/>, in the order of <paramref name="bots"/>, as a
    /// replay of just those steps would end</returns>
    public static BotSummary[] Run(IReadOnlyList<string> assets, int historySize, decimal feePercent, IReadOnlyList<PlainBot> bots,
        IReadOnlyList<ScenarioStep> steps, StepRange range) =>
        FastSweepPass.TryRun(assets, historySize, feePercent, bots, steps, range)
        ?? Reference(assets, historySize, feePercent, bots, steps, range);

    /// <summary>The same pass through <see cref="PlainReplay"/>, whatever the strategies.</summary>
    public static BotSummary[] Reference(IReadOnlyList<string> assets, int historySize, decimal feePercent, IReadOnlyList<PlainBot> bots,
        IReadOnlyList<ScenarioStep> steps, StepRange range)
    {
        var book = PlainReplay.Run(assets, historySize, feePercent, bots, Slice(steps, range), _ => { });
        var lastPrices = book.LastPrices();
        return [.. book.Accounts.Select(a => book.SummaryOf(a, lastPrices))];
    }

    private static IEnumerable<ScenarioStep> Slice(IReadOnlyList<ScenarioStep> steps, StepRange range)
    {
        for (var i = range.From; i < range.To; i++) yield return steps[i];
    }
}
