using System.Runtime.CompilerServices;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Reporting;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>
/// The per-step half of <see cref="PerformanceTracker"/> (drawdown, its duration, exposure, the return series) with equity as
/// an integer at a fixed scale. It mirrors <see cref="PerformanceTracker.OnStep"/> line for line: comparisons on the integers
/// equal those on the decimals, the doubles are the ones the decimals convert to, and a new drawdown is computed in decimal
/// from the very bits the reference would hold (the value and the scale its sum of cash and holdings has).
/// </summary>
internal sealed class ScaledStepTracker
{
    private readonly int _scale;
    private long _peak, _maxDrawdownScaled;
    private int _peakRepresentation;
    private decimal _maxDrawdown, _maxDrawdownPercent;
    private long _steps, _exposedSteps;

    private double _previousEquity;
    private bool _previousPositive;
    private long _returns;
    private double _meanReturn, _squaredDeviations, _downsideSquares;

    private long _peakStep, _longestDrawdownSteps;
    private DateTime? _peakTime, _lastTime;
    private TimeSpan _longestDrawdownTime;
    private bool _belowPeak;

    /// <param name="initialCash">× 10^<paramref name="scale"/> in <paramref name="scaledCash"/></param>
    public ScaledStepTracker(decimal initialCash, long scaledCash, int scale)
    {
        _scale = scale;
        (_peak, _peakRepresentation) = (scaledCash, initialCash.Scale);
        (_previousEquity, _previousPositive) = ((double)initialCash, initialCash > 0m);
    }

    /// <param name="equity">cash plus holdings × 10^scale</param>
    /// <param name="representation">the scale the reference's decimal equity has</param>
    /// <param name="asDouble">what the reference's decimal equity converts to</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnStep(long equity, int representation, double asDouble, bool holding, DateTime? time)
    {
        _steps++;
        if (holding) _exposedSteps++;
        if (_previousPositive)
        {
            // x / x - 1 is exactly 0 for a positive x: an unchanged equity (a flat account) needs no division.
            var r = asDouble == _previousEquity ? 0 : asDouble / _previousEquity - 1;
            _returns++;
            var delta = r - _meanReturn;
            _meanReturn += delta / _returns;
            _squaredDeviations += delta * (r - _meanReturn);
            if (r < 0) _downsideSquares += r * r;
        }
        (_previousEquity, _previousPositive) = (asDouble, equity > 0);
        if (_steps == 1) (_peakStep, _peakTime) = (1, time);
        _lastTime = time;
        _belowPeak = equity < _peak;
        if (!_belowPeak)
        {
            if (_steps > _peakStep + 1) NoteDrawdownUntil(_steps, time, ref _longestDrawdownSteps, ref _longestDrawdownTime);
            (_peak, _peakRepresentation) = (equity, representation);
            (_peakStep, _peakTime) = (_steps, time);
        }
        if (_peak - equity > _maxDrawdownScaled) NoteMaxDrawdown(equity, representation);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // rare: keeps OnStep small enough to inline
    private void NoteMaxDrawdown(long equity, int representation)
    {
        _maxDrawdownScaled = _peak - equity;
        var peak = FixedPoint.ToDecimal(_peak, _scale, _peakRepresentation);
        _maxDrawdown = peak - FixedPoint.ToDecimal(equity, _scale, representation);
        _maxDrawdownPercent = ExactDecimal.SaturatingPercent(_maxDrawdown, peak);
    }

    /// <summary>The reference's result: <paramref name="fills"/>' round trips with this tracker's step figures.</summary>
    public Performance Result(Performance fills)
    {
        var (longestSteps, longestTime) = (_longestDrawdownSteps, _longestDrawdownTime);
        if (_belowPeak) NoteDrawdownUntil(_steps, _lastTime, ref longestSteps, ref longestTime);
        return fills with
        {
            MaxDrawdown = _maxDrawdown, MaxDrawdownPercent = _maxDrawdownPercent, Steps = _steps, ExposedSteps = _exposedSteps,
            Returns = _returns, MeanReturn = _meanReturn,
            ReturnStdDev = _returns > 1 ? Math.Sqrt(_squaredDeviations / (_returns - 1)) : 0,
            DownsideDeviation = _returns > 0 ? Math.Sqrt(_downsideSquares / _returns) : 0,
            LongestDrawdownSteps = longestSteps, LongestDrawdownTime = longestTime,
        };
    }

    private void NoteDrawdownUntil(long step, DateTime? time, ref long longestSteps, ref TimeSpan longestTime)
    {
        longestSteps = Math.Max(longestSteps, step - _peakStep);
        if (time is { } end && _peakTime is { } start && end - start > longestTime) longestTime = end - start;
    }
}
