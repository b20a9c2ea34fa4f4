using System.Collections.Immutable;

namespace AkkaTrading.Domain.Sweeps;

/// <summary>One swept parameter: its key in the strategy's settings and its values, in the order given.</summary>
public sealed record SweepAxis(string Key, ImmutableArray<decimal> Values);

/// <summary>
/// The combinations of a sweep: every value of every axis with every value of the others, numbered with the last axis
/// changing fastest; or, with a sample, that many of them drawn at random without repeats (by a seeded generator, so
/// the same grid always gives the same combinations), kept in the grid's order.
/// </summary>
public sealed class SweepGrid
{
    private readonly long[] _indices;

    public SweepGrid(ImmutableArray<SweepAxis> axes, (int Samples, int Seed)? sample = null)
    {
        if (axes.IsEmpty) throw new ArgumentException("a grid needs at least one parameter", nameof(axes));
        if (axes.Any(a => a.Values.IsEmpty)) throw new ArgumentException("every parameter needs at least one value", nameof(axes));
        Axes = axes;
        FullCount = FullCountOf(axes);
        _indices = sample is { } s ? Draw(FullCount, s.Samples, s.Seed) : [];
        Sampled = sample is not null;
    }

    public ImmutableArray<SweepAxis> Axes { get; }

    /// <summary>How many combinations the axes make (saturated at <see cref="long.MaxValue"/>).</summary>
    public long FullCount { get; }

    public bool Sampled { get; }

    /// <summary>How many combinations the sweep evaluates.</summary>
    public long Count => Sampled ? _indices.Length : FullCount;

    /// <summary>The values of combination <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>), one per axis.</summary>
    public decimal[] Values(long index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"must be below {Count}");
        var rest = Sampled ? _indices[index] : index;
        var values = new decimal[Axes.Length];
        for (var axis = Axes.Length - 1; axis >= 0; axis--)
        {
            var count = Axes[axis].Values.Length;
            values[axis] = Axes[axis].Values[(int)(rest % count)];
            rest /= count;
        }
        return values;
    }

    public static long FullCountOf(IEnumerable<SweepAxis> axes)
    {
        long count = 1;
        foreach (var axis in axes)
            count = count > long.MaxValue / axis.Values.Length ? long.MaxValue : count * axis.Values.Length;
        return count;
    }

    /// <summary>Floyd's sampling of <paramref name="samples"/> distinct indices below <paramref name="total"/>, sorted.</summary>
    private static long[] Draw(long total, int samples, int seed)
    {
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(samples), samples, "must be at least 1");
        if (samples >= total) return [.. Enumerable.Range(0, (int)total).Select(i => (long)i)];
        var random = new Random(seed); // the seeded generator's sequence is fixed across .NET versions
        var chosen = new HashSet<long>();
        for (var j = total - samples; j < total; j++)
        {
            var pick = random.NextInt64(j + 1);
            chosen.Add(chosen.Contains(pick) ? j : pick);
        }
        return [.. chosen.Order()];
    }
}
