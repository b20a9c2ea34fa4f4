namespace AkkaTrading.Engine.Settings;

/// <summary><c>akka-trading.sweep</c>: how large a sweep may be and how its combinations are cut into passes and spread.</summary>
/// <param name="MaxCombinations">a grid (or a sample) of more combinations is refused</param>
/// <param name="CombinationsPerPass">combinations a worker evaluates together in one pass over the steps</param>
/// <param name="Workers">passes run at once on one machine (0 in the file: one per core)</param>
public sealed record SweepSettings(int MaxCombinations, int CombinationsPerPass, int Workers)
{
    public static readonly SweepSettings Default = new(100_000, 100, Environment.ProcessorCount);
}

/// <summary>Reads and validates <c>akka-trading.sweep</c> (schema: README, "Configuration reference").</summary>
public static class SweepSettingsReader
{
    public static SweepSettings Read(HoconSection section)
    {
        section.AllowOnly("max-combinations", "combinations-per-pass", "workers");
        var workers = section.Int("workers", 0, 1024);
        return new SweepSettings(section.Int("max-combinations", 1, 10_000_000), section.Int("combinations-per-pass", 1, 100_000),
            workers == 0 ? Environment.ProcessorCount : workers);
    }
}
