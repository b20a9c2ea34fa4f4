using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Engine.Settings;

/// <summary>
/// A scenario ready to replay: its steps can be streamed any number of times. <see cref="Warnings"/> are what its reading
/// found worth telling without refusing it (rows of market data without a price).
/// </summary>
public sealed record ScenarioSource(string Path, ScenarioOutline Outline, Func<IEnumerable<ScenarioStep>> Steps)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The market-data files the steps are read from, if any.</summary>
    public IReadOnlyList<string> DataFiles { get; init; } = [];
}

/// <summary>
/// Opens a scenario by its extension: <c>.csv</c> (streamed rows) or <c>.hocon</c>/<c>.conf</c> (scripted, or market-data
/// files); or market-data files given directly.
/// </summary>
public static class ScenarioFiles
{
    /// <summary>Reads the whole scenario once, so that every mistake in it is found before anything is replayed.</summary>
    public static ScenarioSource Open(string path)
    {
        if (Domain.Inputs.InputFile.Problem(path) is { } problem) throw new ScenarioException(path, null, problem);
        switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv":
                return Outlined(path, () => CsvScenario.Read(path));
            case ".hocon" or ".conf":
                var (scripted, data) = HoconScenarioReader.Read(path);
                return data is not null ? Open(path, data) : Outlined(path, scripted!.Steps);
            case var other:
                throw new ScenarioException(path, null, $"unknown scenario format '{other}': use .csv or .hocon");
        }
    }

    /// <summary>Market data, read whole once like any scenario; rows skipped for a <c>null</c> price become warnings.</summary>
    /// <param name="name">what the run is called: the scenario file, or the files given on the command line</param>
    public static ScenarioSource Open(string name, MarketDataScenario data)
    {
        var skipped = new Dictionary<string, (int Count, int FirstLine)>(StringComparer.Ordinal);
        var outline = ScenarioSteps.Outline(data.Steps((asset, line) =>
            skipped[asset.File] = skipped.TryGetValue(asset.File, out var s) ? (s.Count + 1, s.FirstLine) : (1, line)));
        var warnings = skipped.Select(s => $"{s.Key}: skipped {s.Value.Count} row{(s.Value.Count == 1 ? "" : "s")} without a price " +
            $"('null'), the first on line {s.Value.FirstLine}");
        return new ScenarioSource(name, outline, () => data.Steps())
        {
            Warnings = [.. warnings], DataFiles = [.. data.Assets.Select(a => a.File)],
        };
    }

    private static ScenarioSource Outlined(string path, Func<IEnumerable<ScenarioStep>> steps) =>
        new(path, ScenarioSteps.Outline(steps()), steps);
}
