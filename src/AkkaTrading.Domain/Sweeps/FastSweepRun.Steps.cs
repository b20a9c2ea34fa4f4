using System.Runtime.CompilerServices;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Sweeps;

internal sealed partial class FastSweepRun
{
    /// <returns>each bot's summary after the range, or null when an amount outgrew the integers mid-run</returns>
    public BotSummary[]? TryRun(IReadOnlyList<ScenarioStep> steps, StepRange range)
    {
        var p = _prices;
        for (var t = 0; t < range.Count; t++)
        {
            var step = steps[range.From + t];
            _intents.Clear();
            for (var k = p.StepStart[t]; k < p.StepStart[t + 1]; k++)
            {
                var (asset, price) = (p.Asset[k], p.Scaled[k]);
                (_current[asset], _currentScale[asset], _currentPrice[asset]) = (price * _toMoneyScale, p.Scale[k], p.Price[k]);
                _windowsOf[asset].Add(price, _windowMax);
                var scaled = price * _toFactorScale;
                _investors[asset].DecideInvestors(k, price, scaled, _windowMax, _intents);
                _hamsters[asset].DecideHamsters(k, price, scaled, _windowMax, _intents);
            }
            foreach (var intent in _intents)
                if (!TryExecute(intent, step)) return null;
            for (var i = 0; i < _accounts.Length; i++) CloseStep(i, step.Time);
        }
        var lastPrices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var a = 0; a < _assetNames.Length; a++)
            if (_currentPrice[a] is { } last) lastPrices.Add(_assetNames[a], last);
        return [.. _accounts.Select((account, i) =>
            BotSummary.Of(account, lastPrices, _stepStatistics[i].Result(_fillStatistics[i].Result())))];
    }

    /// <summary>ExchangeBook.Submit for an order at the price it was decided on (the asset's current price), then the fill told
    /// to the bot's statistics and to its rule's state (all its decisions of the step are made by then).</summary>
    private bool TryExecute(FastIntent intent, ScenarioStep step)
    {
        var (bot, assetIndex, price) = (intent.Bot, _prices.Asset[intent.PriceIndex], _prices.Price[intent.PriceIndex]);
        var (account, asset) = (_accounts[bot], _assetNames[assetIndex]);
        var quantity = intent.Side == Side.Buy ? _plans[bot].Quantity : account.PositionIn(asset).Quantity;
        var order = new Order(_bots[bot].Name, asset, intent.Side, quantity);
        if (account.Check(order, price, _fee) is not null) return true;
        var fill = new Fill(step.Step, order.Bot, order.Asset, order.Side, order.Quantity, price,
            Fees.For(order.Quantity * price, _fee), step.Time);
        account.Apply(fill);
        _fillStatistics[bot].OnFill(fill);

        var position = account.PositionIn(asset);
        var plan = _plans[bot];
        var slots = plan.Hamster ? _hamsters[assetIndex] : _investors[assetIndex];
        var j = intent.Slot;
        slots.Held[j] = _held[bot * _assetNames.Length + assetIndex] = (long)position.Quantity;
        if (!plan.Hamster)
            slots.Threshold[j] = position.IsFlat || position.AverageEntryPrice >= plan.LargestEntry
                ? long.MaxValue // InvestorStrategy's rule: a take-profit beyond decimal's range is never reached
                : FixedPoint.ScaledCeiling(position.AverageEntryPrice * plan.FillFactor, _prices.PriceScale);
        else if (fill.Side == Side.Buy)
            slots.Threshold[j] = FixedPoint.ScaledFloor(fill.Price * plan.FillFactor, _prices.PriceScale);
        else if (position.IsFlat)
            (slots.Threshold[j], slots.CooldownLeft[j]) = (long.MaxValue, plan.Cooldown); // a panic sale: start afresh
        return TryTakeMoney(bot);
    }

    /// <summary>ExchangeBook.CloseStep for one account: its equity, cash plus holdings at the current prices, to its statistics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseStep(int bot, DateTime? time)
    {
        var (equity, representation) = (_cash[bot], _cashScale[bot]);
        if (_heldCount[bot] == 0)
        {
            _stepStatistics[bot].OnStep(equity, representation, _cashAsDouble[bot], false, time);
            return;
        }
        var first = bot * _assetNames.Length;
        for (var a = 0; a < _assetNames.Length; a++)
        {
            var held = _held[first + a];
            if (held == 0) continue;
            equity += held * _current[a];
            representation = Math.Max(representation, _currentScale[a]); // whole quantities: a holding has its price's scale
        }
        // Below 2^53 both this and the decimal's mantissa are exact doubles and so are the powers of ten: one correctly
        // rounded division of the same value. Beyond, the reference's own decimal is converted.
        var asDouble = equity < FixedPoint.ExactInDouble ? equity / _moneyUnit : ReferenceEquity(bot);
        _stepStatistics[bot].OnStep(equity, representation, asDouble, true, time);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double ReferenceEquity(int bot) => (double)(_accounts[bot].Cash + _accounts[bot].Holdings(_currentPriceOf));
}
