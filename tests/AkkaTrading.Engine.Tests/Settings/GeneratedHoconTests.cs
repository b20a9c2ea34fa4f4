using AkkaTrading.Engine.Settings;
using AkkaTrading.Tests.Shared;
using CsCheck;

namespace AkkaTrading.Engine.Tests.Settings;

/// <summary>
/// On any text the configuration and scripted scenario readers end in time and memory with a result or a
/// <see cref="SettingsException"/>, nothing else: Akka's HOCON parser never sees what it cannot survive.
/// </summary>
public sealed class GeneratedHoconTests
{
    private static readonly string Root = RepoRoot();
    private static readonly string Defaults = TradingConfig.DefaultsText();
    private static readonly string SeveralBots = File.ReadAllText(Path.Combine(Root, "hocon", "several-bots.hocon"));
    private static readonly string[] Scenarios =
        [.. Directory.GetFiles(Path.Combine(Root, "hocon", "scenarios"), "*.hocon").Order().Select(File.ReadAllText)];

    private static void ReadConfig(string text) => TradingConfig.FromText(text, "fuzz.hocon");

    private static void ReadScenario(string text)
    {
        // A few hundred steps exercise the price paths; a whole valid script can be ten million steps long.
        foreach (var step in ScriptedScenarioReader.FromText(text, "fuzz.hocon").Steps().Take(300))
            Assert.All(step.Prices, p => Assert.InRange(p.Price, 0.01m, Domain.Prices.Cents.MaxPrice));
    }

    [Fact]
    public void Random_configurations_are_read_or_refused() =>
        GeneratedInputs.Random.Sample(text => GeneratedInputs.EndsCleanly<SettingsException>(text, ReadConfig), threads: 1);

    [Fact]
    public void Mutations_of_the_shipped_configurations_are_read_or_refused() =>
        Gen.OneOf(GeneratedInputs.Mutated(Defaults), GeneratedInputs.Mutated(SeveralBots))
            .Sample(text => GeneratedInputs.EndsCleanly<SettingsException>(text, ReadConfig), threads: 1);

    [Fact]
    public void Random_scripted_scenarios_are_read_or_refused() =>
        GeneratedInputs.Random.Sample(text => GeneratedInputs.EndsCleanly<SettingsException>(text, ReadScenario), threads: 1);

    [Fact]
    public void Mutations_of_the_shipped_scenarios_are_read_or_refused() =>
        Gen.Int[0, Scenarios.Length - 1].SelectMany(i => GeneratedInputs.Mutated(Scenarios[i]))
            .Sample(text => GeneratedInputs.EndsCleanly<SettingsException>(text, ReadScenario), threads: 1);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AkkaTrading.sln"))) return dir.FullName;
        throw new InvalidOperationException("AkkaTrading.sln not found above " + AppContext.BaseDirectory);
    }
}
