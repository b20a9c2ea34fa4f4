using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Engine.Settings;

/// <summary>A scenario file ready to replay: its steps can be streamed any number of times.</summary>
public sealed record ScenarioSource(string Path, ScenarioOutline Outline, Func<IEnumerable<ScenarioStep>> Steps);

/// <summary>Opens a scenario by its extension: <c>.csv</c> (streamed rows) or <c>.hocon</c>/<c>.conf</c> (scripted).</summary>
public static class ScenarioFiles
{
    /// <summary>Reads the whole scenario once, so that every mistake in it is found before anything is replayed.</summary>
    public static ScenarioSource Open(string path)
    {
        if (Domain.Inputs.InputFile.Problem(path) is { } problem) throw new ScenarioException(path, null, problem);
        Func<IEnumerable<ScenarioStep>> steps = System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => () => CsvScenario.Read(path),
            ".hocon" or ".conf" => ScriptedScenarioReader.Read(path).Steps,
            var other => throw new ScenarioException(path, null, $"unknown scenario format '{other}': use .csv or .hocon"),
        };
        return new ScenarioSource(path, ScenarioSteps.Outline(steps()), steps);
    }
}
