using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Tests.Shared;
using CsCheck;

namespace AkkaTrading.Domain.Tests;

/// <summary>On any text the CSV reader ends in time and memory with steps or a <see cref="ScenarioException"/>, nothing else.</summary>
public sealed class GeneratedCsvScenarioTests
{
    private static readonly string Shipped = File.ReadAllText(Path.Combine(RepoRoot(), "hocon", "scenarios", "mixed.csv"));

    private static void Read(string csv)
    {
        foreach (var step in CsvScenario.Read(new StringReader(csv), "fuzz.csv"))
            Assert.All(step.Prices, p => Assert.InRange(p.Price, 0.0000000001m, Prices.Cents.MaxPrice));
    }

    [Fact]
    public void Random_text_is_read_or_refused() =>
        GeneratedInputs.Random.Select(text => "step,asset,price\n" + text)
            .Sample(text => GeneratedInputs.EndsCleanly<ScenarioException>(text, Read), threads: 1);

    [Fact]
    public void Mutations_of_a_shipped_scenario_are_read_or_refused() =>
        GeneratedInputs.Mutated(Shipped).Sample(text => GeneratedInputs.EndsCleanly<ScenarioException>(text, Read), threads: 1);

    [Fact]
    public void A_line_without_end_is_refused_after_reading_only_its_start()
    {
        var source = new EndlessDigits();
        var e = Assert.Throws<ScenarioException>(() => CsvScenario.Read(source, "endless.csv").ToList());
        Assert.Equal("endless.csv, line 1: expected the header 'step,asset,price' but found '" + new string('9', 60) + "…'", e.Message);
        Assert.InRange(source.CharsRead, 1, 64 * 1024);
    }

    /// <summary>A text of nines that never ends nor breaks its line, counting what was read of it.</summary>
    private sealed class EndlessDigits : TextReader
    {
        public long CharsRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            buffer.AsSpan(index, count).Fill('9');
            CharsRead += count;
            return count;
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AkkaTrading.sln"))) return dir.FullName;
        throw new InvalidOperationException("AkkaTrading.sln not found above " + AppContext.BaseDirectory);
    }
}
