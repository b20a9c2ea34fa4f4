using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// The state and the step loop of a <see cref="FastSweepPass"/>, in <see cref="PlainReplay"/>'s order: a step's prices are
/// recorded and decided on in the step's order; the orders are executed (each bot's in that order) against the bots' own
/// accounts; then every bot's equity is taken. Bots never affect one another, so deciding price by price for all bots, then
/// executing, gives each bot the same sequence as the reference's bot-by-bot loop.
/// </summary>
internal sealed partial class FastSweepRun
{
    /// <summary>Every amount held as an integer stays below this, so sums of a few of them cannot overflow.</summary>
    private const long Limit = 1L << 62;

    private readonly string[] _assetNames;
    private readonly Dictionary<string, int> _assetIndex;
    private readonly decimal _fee;
    private readonly IReadOnlyList<PlainBot> _bots;
    private readonly FastBotPlan[] _plans;
    private readonly FastPrices _prices;
    private readonly int _scale; // money's scale (≥ every price's and every cash amount's)
    private readonly long _toMoneyScale, _toFactorScale;
    private readonly double _moneyUnit; // 10^scale, exact

    private readonly FastSlots[] _investors, _hamsters;
    private readonly int[] _slotOf; // [bot × assets + asset]
    private readonly ScaledWindowMaxima[] _windowsOf; // per asset
    private readonly long[] _windowMax;

    private readonly Account[] _accounts;
    private readonly PerformanceTracker[] _fillStatistics;
    private readonly ScaledStepTracker[] _stepStatistics;
    private readonly long[] _cash, _held, _maxAtMoneyScale;
    private readonly int[] _cashScale, _heldCount;
    private readonly double[] _cashAsDouble;

    private readonly long[] _current;
    private readonly int[] _currentScale;
    private readonly decimal?[] _currentPrice;
    private readonly Func<string, decimal?> _currentPriceOf;
    private readonly List<FastIntent> _intents = new();

    private FastSweepRun(Dictionary<string, int> assetIndex, decimal fee, IReadOnlyList<PlainBot> bots, FastBotPlan[] plans,
        FastPrices prices, int scale, int factorScale, long[] scaledFactors)
    {
        var assetCount = assetIndex.Count;
        (_assetIndex, _fee, _bots, _plans, _prices, _scale) = (assetIndex, fee, bots, plans, prices, scale);
        _assetNames = new string[assetCount];
        foreach (var (name, index) in assetIndex) _assetNames[index] = name;
        _toMoneyScale = FixedPoint.Pow10[scale - prices.PriceScale];
        _toFactorScale = FixedPoint.Pow10[factorScale];
        _moneyUnit = FixedPoint.Pow10Double[scale];
        (_investors, _hamsters) = (new FastSlots[assetCount], new FastSlots[assetCount]);
        _slotOf = new int[bots.Count * assetCount];
        _accounts = new Account[bots.Count];
        _fillStatistics = new PerformanceTracker[bots.Count];
        _stepStatistics = new ScaledStepTracker[bots.Count];
        (_cash, _held, _maxAtMoneyScale) = (new long[bots.Count], new long[bots.Count * assetCount], new long[assetCount]);
        (_cashScale, _heldCount, _cashAsDouble) = (new int[bots.Count], new int[bots.Count], new double[bots.Count]);
        (_current, _currentScale, _currentPrice) = (new long[assetCount], new int[assetCount], new decimal?[assetCount]);
        _currentPriceOf = asset => _assetIndex.TryGetValue(asset, out var a) ? _currentPrice[a] : null;
        for (var a = 0; a < assetCount; a++) _maxAtMoneyScale[a] = prices.MaxScaledOf[a] * _toMoneyScale;

        // One rolling maximum per asset and window length; the bots' slots on each asset they watch.
        var windowsOf = Enumerable.Range(0, assetCount).Select(_ => new List<(int Window, int Slot)>()).ToArray();
        var windowIndex = new Dictionary<(int Asset, int Window), int>();
        var pricesOf = new int[assetCount];
        foreach (var asset in prices.Asset) pricesOf[asset]++;
        var watched = bots.Select(b => b.Assets.Where(assetIndex.ContainsKey).Select(n => assetIndex[n]).Distinct().ToArray()).ToArray();
        for (var a = 0; a < assetCount; a++)
        {
            _investors[a] = new FastSlots(Enumerable.Range(0, bots.Count).Count(i => !plans[i].Hamster && watched[i].Contains(a)));
            _hamsters[a] = new FastSlots(Enumerable.Range(0, bots.Count).Count(i => plans[i].Hamster && watched[i].Contains(a)));
        }
        for (var i = 0; i < bots.Count; i++)
            foreach (var a in watched[i])
            {
                if (!windowIndex.TryGetValue((a, plans[i].Window), out var w))
                {
                    windowIndex.Add((a, plans[i].Window), w = windowIndex.Count);
                    windowsOf[a].Add((plans[i].Window, w));
                }
                _slotOf[i * assetCount + a] = (plans[i].Hamster ? _hamsters : _investors)[a].Add(i, w, scaledFactors[i]);
            }
        _windowsOf = [.. windowsOf.Select((w, a) => new ScaledWindowMaxima(w, pricesOf[a]))];
        _windowMax = new long[windowIndex.Count];
    }

    public static FastSweepRun? TryCreate(Dictionary<string, int> assetIndex, decimal fee, IReadOnlyList<PlainBot> bots,
        FastBotPlan[] plans, FastPrices prices, int scale)
    {
        var factors = plans.Select(p => FixedPoint.Normalised(p.WindowFactor)).ToArray();
        var factorScale = factors.Length == 0 ? 0 : factors.Max(f => f.Scale);
        if (factorScale > FixedPoint.MaxScale) return null;
        var maxPrice = prices.MaxScaledOf.DefaultIfEmpty(0).Max();
        var scaledFactors = new long[plans.Length];
        for (var i = 0; i < plans.Length; i++)
        {
            // The comparison price × 10^K ≤ windowMax × factor must not overflow for any price of the pass.
            var factor = (Int128)(UInt128)factors[i].Mantissa * FixedPoint.Pow10[factorScale - factors[i].Scale];
            if (factors[i].Negative || factor > Limit || (Int128)maxPrice * factor > Limit) return null;
            scaledFactors[i] = (long)factor;
        }
        if ((Int128)maxPrice * FixedPoint.Pow10[factorScale] > Limit) return null;
        if ((Int128)maxPrice * FixedPoint.Pow10[scale - prices.PriceScale] > Limit) return null;
        var run = new FastSweepRun(assetIndex, fee, bots, plans, prices, scale, factorScale, scaledFactors);
        return run.TryOpenAccounts() ? run : null;
    }

    private bool TryOpenAccounts()
    {
        for (var i = 0; i < _bots.Count; i++)
        {
            var cash = _bots[i].InitialCash;
            _accounts[i] = new Account(_bots[i].Name, cash);
            _fillStatistics[i] = new PerformanceTracker(cash);
            if (!TryTakeMoney(i)) return false;
            _stepStatistics[i] = new ScaledStepTracker(cash, _cash[i], _scale);
        }
        return true;
    }

    /// <summary>Takes the account's cash and positions after a fill; false when an amount could pass <see cref="Limit"/>.</summary>
    private bool TryTakeMoney(int bot)
    {
        var account = _accounts[bot];
        if (account.Cash.Scale > _scale || !FixedPoint.TryScale(account.Cash, _scale, Limit, out var cash)) return false;
        (_cash[bot], _cashScale[bot], _cashAsDouble[bot]) = (cash, account.Cash.Scale, (double)account.Cash);
        _heldCount[bot] = account.Positions.Count;
        Int128 most = cash;
        var first = bot * _assetNames.Length;
        for (var a = 0; a < _assetNames.Length; a++) most += (Int128)_held[first + a] * _maxAtMoneyScale[a];
        return most <= Limit;
    }
}
