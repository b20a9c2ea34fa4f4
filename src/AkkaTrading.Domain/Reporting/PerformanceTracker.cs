using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Reporting;

/// <summary>How a bot traded over a run: round trips, drawdown and exposure.</summary>
/// <param name="RoundTrips">positions opened and closed again (flat to flat) per asset</param>
/// <param name="AverageWin">mean profit of the winning round trips (0 if none)</param>
/// <param name="AverageLoss">mean loss of the losing round trips, as a negative number (0 if none)</param>
/// <param name="MaxDrawdown">largest fall of equity from its highest point so far</param>
/// <param name="MaxDrawdownPercent">that fall as a percentage of the high it fell from</param>
/// <param name="Steps">steps (prices, in a live run) seen by the exchange</param>
/// <param name="ExposedSteps">steps after which the bot held any position</param>
/// <param name="Returns">step returns measured (equity over the previous step's, the first over the initial cash)</param>
/// <param name="MeanReturn">their mean, as a fraction (0.01 is 1%)</param>
/// <param name="ReturnStdDev">their sample standard deviation</param>
/// <param name="DownsideDeviation">the root mean square of the negative returns, over all returns (Sortino's risk)</param>
/// <param name="LongestDrawdownSteps">the most steps from a high of equity until equity is back at it (or the run ends)</param>
/// <param name="LongestDrawdownTime">the same in time, in a replay of market data: the longest such period</param>
public sealed record Performance(
    long RoundTrips, long Wins, long Losses, decimal AverageWin, decimal AverageLoss,
    decimal MaxDrawdown, decimal MaxDrawdownPercent, long Steps, long ExposedSteps,
    long Returns = 0, double MeanReturn = 0, double ReturnStdDev = 0, double DownsideDeviation = 0,
    long LongestDrawdownSteps = 0, TimeSpan LongestDrawdownTime = default)
{
    public decimal WinRatePercent => RoundTrips == 0 ? 0m : 100m * Wins / RoundTrips;
    public decimal ExposurePercent => Steps == 0 ? 0m : 100m * ExposedSteps / Steps;
}

/// <summary>
/// Follows one bot through a run. Fills make round trips: a trip opens when a flat position is bought
/// and closes when the position is flat again; its result is what the sales brought in less what the buys
/// cost, fees included. After every step the bot's equity updates the drawdown, its duration and the return series, and
/// its holdings the exposure.
/// These are statistics, not money: a trip's result beyond decimal's range is held at its end, and the average
/// win or loss stays right however large the sum of all wins or losses grows (see <see cref="Mean"/>).
/// </summary>
public sealed class PerformanceTracker(decimal initialCash)
{
    private readonly Dictionary<string, OpenTrip> _open = new(StringComparer.Ordinal);
    private decimal _peak = initialCash, _maxDrawdown, _maxDrawdownPercent;
    private Mean _win, _loss;
    private long _roundTrips, _steps, _exposedSteps;

    // The step returns' moments kept as running sums (Welford), so memory stays flat however long the run; in double,
    // as ratios of money rather than money.
    private decimal _previousEquity = initialCash;
    private long _returns;
    private double _meanReturn, _squaredDeviations, _downsideSquares;

    // The drawdown under way began at the high's step and time; the longest seen so far, in steps and in time.
    private long _peakStep, _longestDrawdownSteps;
    private DateTime? _peakTime, _lastTime;
    private TimeSpan _longestDrawdownTime;
    private bool _belowPeak;

    public void OnFill(Fill fill)
    {
        if (!_open.TryGetValue(fill.Asset, out var trip)) _open.Add(fill.Asset, trip = new OpenTrip());
        if (fill.Side == Side.Buy)
        {
            trip.Quantity += fill.Quantity;
            trip.Result = ExactDecimal.SaturatingAdd(trip.Result, -(fill.Notional + fill.Fee));
            return;
        }
        trip.Quantity -= fill.Quantity;
        trip.Result = ExactDecimal.SaturatingAdd(trip.Result, fill.Notional - fill.Fee);
        if (trip.Quantity != 0m) return;

        _roundTrips++;
        if (trip.Result > 0m) _win.Add(trip.Result);
        else if (trip.Result < 0m) _loss.Add(trip.Result);
        _open.Remove(fill.Asset);
    }

    /// <summary>The bot's equity (cash plus holdings at current prices) once a step is settled, at the step's time if it has
    /// one.</summary>
    public void OnStep(decimal equity, bool holding, DateTime? time = null)
    {
        _steps++;
        if (holding) _exposedSteps++;
        AddReturn(equity);
        if (_steps == 1) (_peakStep, _peakTime) = (1, time);
        _lastTime = time;
        _belowPeak = equity < _peak;
        if (!_belowPeak)
        {
            if (_steps > _peakStep + 1) NoteDrawdownUntil(_steps, time, ref _longestDrawdownSteps, ref _longestDrawdownTime);
            _peak = equity;
            (_peakStep, _peakTime) = (_steps, time);
        }
        var drawdown = _peak - equity;
        if (drawdown > _maxDrawdown)
        {
            _maxDrawdown = drawdown;
            _maxDrawdownPercent = ExactDecimal.SaturatingPercent(drawdown, _peak);
        }
    }

    public Performance Result()
    {
        // A drawdown still under way at the end counts until the last step.
        var (longestSteps, longestTime) = (_longestDrawdownSteps, _longestDrawdownTime);
        if (_belowPeak) NoteDrawdownUntil(_steps, _lastTime, ref longestSteps, ref longestTime);
        return new(_roundTrips, _win.Count, _loss.Count, _win.Value, _loss.Value, _maxDrawdown, _maxDrawdownPercent, _steps,
            _exposedSteps, _returns, _meanReturn, _returns > 1 ? Math.Sqrt(_squaredDeviations / (_returns - 1)) : 0,
            _returns > 0 ? Math.Sqrt(_downsideSquares / _returns) : 0, longestSteps, longestTime);
    }

    private void AddReturn(decimal equity)
    {
        // Without money before the step there is no return to measure (a bot may start with no cash).
        if (_previousEquity > 0m)
        {
            var r = (double)equity / (double)_previousEquity - 1;
            _returns++;
            var delta = r - _meanReturn;
            _meanReturn += delta / _returns;
            _squaredDeviations += delta * (r - _meanReturn);
            if (r < 0) _downsideSquares += r * r;
        }
        _previousEquity = equity;
    }

    private void NoteDrawdownUntil(long step, DateTime? time, ref long longestSteps, ref TimeSpan longestTime)
    {
        longestSteps = Math.Max(longestSteps, step - _peakStep);
        if (time is { } end && _peakTime is { } start && end - start > longestTime) longestTime = end - start;
    }

    /// <summary>
    /// The mean of a series: the exact sum over the count while the sum fits in a decimal, a running mean after
    /// (the sum of a long run's wins can pass 7.9 × 10^28 even though every single win is far smaller).
    /// </summary>
    private struct Mean
    {
        private decimal _sum, _mean;
        private bool _overflowed;

        public long Count { get; private set; }
        public readonly decimal Value => Count == 0 ? 0m : _overflowed ? _mean : _sum / Count;

        /// <remarks>A series holds values of one sign (wins, or losses), so <c>value − mean</c> cannot overflow.</remarks>
        public void Add(decimal value)
        {
            Count++;
            if (!_overflowed)
            {
                try
                {
                    _sum += value;
                    return;
                }
                catch (OverflowException)
                {
                    _overflowed = true;
                    _mean = _sum / (Count - 1);
                }
            }
            _mean += (value - _mean) / Count;
        }
    }

    private sealed class OpenTrip
    {
        public decimal Quantity { get; set; }
        public decimal Result { get; set; }
    }
}
