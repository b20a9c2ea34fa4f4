using AkkaTrading.Domain.Prices;

namespace AkkaTrading.Domain.Scenarios;

/// <summary>One piece of an asset's scripted price path, starting from where the previous one ended.</summary>
public abstract record Segment
{
    /// <summary>The price stays where it is for <paramref name="Steps"/> steps.</summary>
    public sealed record Hold(int Steps) : Segment;

    /// <summary>The price moves in a straight line to <paramref name="Target"/>, reaching it on the last of <paramref name="Steps"/>
    /// steps.</summary>
    public sealed record Linear(decimal Target, int Steps) : Segment;

    /// <summary>The price jumps (or crashes) to <paramref name="Target"/> in one step.</summary>
    public sealed record Jump(decimal Target) : Segment;
}

/// <summary>Optional seeded noise of up to ±<paramref name="Percent"/> % laid over every scripted price.</summary>
public sealed record Noise(decimal Percent, int Seed);

public sealed record ScriptedAsset(string Asset, decimal Start, IReadOnlyList<Segment> Segments, Noise? Noise = null)
{
    /// <summary>How many prices the script gives: the start and every segment's steps.</summary>
    public long StepCount => 1 + Segments.Sum(s => s switch { Segment.Hold h => (long)h.Steps, Segment.Linear l => l.Steps, _ => 1L });
}

/// <summary>
/// A person-readable scenario: per asset a start price (step 0) and segments. Each asset has one
/// price per step until its script ends; assets are delivered in the order they are listed.
/// </summary>
public sealed record ScriptedScenario(string Description, IReadOnlyList<ScriptedAsset> Assets)
{
    public IEnumerable<ScenarioStep> Steps()
    {
        var paths = Assets.Select(a => Path(a).GetEnumerator()).ToArray();
        try
        {
            for (long step = 0; ; step++)
            {
                var prices = new List<AssetPrice>(paths.Length);
                for (var i = 0; i < paths.Length; i++)
                    if (paths[i].MoveNext()) prices.Add(new AssetPrice(Assets[i].Asset, paths[i].Current));
                if (prices.Count == 0) yield break;
                yield return new ScenarioStep(step, [.. prices]);
            }
        }
        finally
        {
            foreach (var path in paths) path.Dispose();
        }
    }

    /// <summary>The most steps of one asset's script: a long replay, and still one that ends in minutes.</summary>
    public const long MaxSteps = 10_000_000;

    /// <summary>The asset's prices, one per step, rounded to cents, never below one cent nor above <see cref="Cents.MaxPrice"/>.</summary>
    public static IEnumerable<decimal> Path(ScriptedAsset asset)
    {
        var random = asset.Noise is { } noise ? new Random(noise.Seed) : null;
        var current = asset.Start;
        yield return Shape(current);
        foreach (var segment in asset.Segments)
        {
            switch (segment)
            {
                case Segment.Hold hold:
                    for (var i = 0; i < hold.Steps; i++) yield return Shape(current);
                    break;
                case Segment.Linear linear:
                    var from = current;
                    for (var i = 1; i <= linear.Steps; i++)
                        yield return Shape(current = from + (linear.Target - from) * i / linear.Steps);
                    current = linear.Target;
                    break;
                case Segment.Jump jump:
                    yield return Shape(current = jump.Target);
                    break;
            }
        }

        decimal Shape(decimal price)
        {
            if (random is not null)
                price *= 1m + asset.Noise!.Percent / 100m * (decimal)(random.NextDouble() * 2 - 1);
            return Cents.Round(Math.Min(price, Cents.MaxPrice));
        }
    }
}
