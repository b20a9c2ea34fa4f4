using System.Diagnostics;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// Latencies in 10 µs buckets up to 2 s, shared by many client loops (Interlocked, no lock): a fixed 1.6 MB however many samples,
/// so millions of price samples do not add to the working set being measured.
/// </summary>
public sealed class LatencyHistogram
{
    private const double BucketMicros = 10;
    private readonly long[] _buckets = new long[200_000];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(TimeSpan latency) => AddMicros(latency.TotalMicroseconds);

    public void AddTicks(long stopwatchTicks) => AddMicros(stopwatchTicks * 1e6 / Stopwatch.Frequency);

    private void AddMicros(double micros)
    {
        var i = (int)Math.Clamp(micros / BucketMicros, 0, _buckets.Length - 1); // a clock step backwards counts as 0
        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The upper edge of the bucket holding quantile <paramref name="q"/>, in ms; NaN without samples, +∞ past 2 s.</summary>
    public double QuantileMillis(double q)
    {
        var total = Count;
        if (total == 0) return double.NaN;
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank) return i == _buckets.Length - 1 ? double.PositiveInfinity : (i + 1) * BucketMicros / 1000;
        }
        return double.PositiveInfinity;
    }
}
