using System.Collections.Immutable;

namespace AkkaTrading.Domain.Scenarios;

public readonly record struct AssetPrice(string Asset, decimal Price);

/// <summary>
/// One step of a replay: at most one price per asset, in the scenario's asset order. <see cref="Time"/> is the step's
/// timestamp (UTC) in a scenario of market data, null in a scenario of steps only.
/// </summary>
public sealed record ScenarioStep(long Step, ImmutableArray<AssetPrice> Prices, DateTime? Time = null);

/// <summary>A mistake in a scenario, with the file and (where it applies) the line it is on.</summary>
public sealed class ScenarioException(string file, int? line, string problem)
    : Exception(line is { } l ? $"{file}, line {l}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public int? Line { get; } = line;

    /// <summary>An input file opened for streaming, or the reason it cannot be (not a regular file, too large, unreadable).</summary>
    /// <param name="what">what it is, for the message: "cannot read <paramref name="what"/>: …"</param>
    public static TextReader OpenText(string path, string what)
    {
        if (Inputs.InputFile.Problem(path) is { } problem) throw new ScenarioException(path, null, problem);
        try
        {
            return new StreamReader(Inputs.InputFile.Open(path, bufferSize: 1 << 16));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException(path, null, $"cannot read {what}: {e.Message}");
        }
    }
}

/// <summary>
/// What a full pass over a scenario found: its assets in order of first appearance, its size and, when its steps have
/// timestamps, the period they cover.
/// </summary>
public sealed record ScenarioOutline(IReadOnlyList<string> Assets, long StepCount, long PriceCount, long LastStep = 0,
    Timeline? Timeline = null);

public static class ScenarioSteps
{
    /// <summary>Reads every step once, which validates the whole scenario, and outlines it.</summary>
    public static ScenarioOutline Outline(IEnumerable<ScenarioStep> steps)
    {
        var assets = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long stepCount = 0, priceCount = 0, lastStep = 0;
        var timeline = new TimelineBuilder();
        foreach (var step in steps)
        {
            stepCount++;
            if (step.Time is { } time) timeline.Add(time);
            lastStep = step.Step;
            priceCount += step.Prices.Length;
            foreach (var price in step.Prices)
                if (seen.Add(price.Asset)) assets.Add(price.Asset);
        }
        return new ScenarioOutline(assets, stepCount, priceCount, lastStep, timeline.Build());
    }
}
