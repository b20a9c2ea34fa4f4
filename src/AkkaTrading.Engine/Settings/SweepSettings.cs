namespace AkkaTrading.Engine.Settings;

/// <summary><c>akka-trading.sweep</c>: how large a sweep may be and how its combinations are cut into passes and spread.</summary>
/// <param name="MaxCombinations">a grid (or a sample) of more combinations is refused</param>
/// <param name="CombinationsPerPass">combinations a worker evaluates together in one pass over the steps</param>
/// <param name="Workers">passes run at once on one machine (0 in the file: one per core)</param>
/// <param name="Cluster">where this process listens as a cluster node and whom it joins; null: no cluster unless the command line
/// asks for one</param>
public sealed record SweepSettings(int MaxCombinations, int CombinationsPerPass, int Workers, Sweeps.SweepCluster.Node? Cluster = null)
{
    public static readonly SweepSettings Default = new(100_000, 100, Environment.ProcessorCount);
}

/// <summary>Reads and validates <c>akka-trading.sweep</c> (schema: README, "Configuration reference").</summary>
public static class SweepSettingsReader
{
    public static SweepSettings Read(HoconSection section)
    {
        section.AllowOnly("max-combinations", "combinations-per-pass", "workers", "cluster");
        var workers = section.Int("workers", 0, 1024);
        return new SweepSettings(section.Int("max-combinations", 1, 10_000_000), section.Int("combinations-per-pass", 1, 10_000),
            workers == 0 ? Environment.ProcessorCount : workers, section.Has("cluster") ? ReadCluster(section.Section("cluster")) : null);
    }

    /// <summary>Optional: <c>cluster { hostname = "127.0.0.1", port = 4053, seed-nodes = [...] }</c>.</summary>
    private static Sweeps.SweepCluster.Node ReadCluster(HoconSection cluster)
    {
        cluster.AllowOnly("hostname", "port", "seed-nodes");
        var seeds = cluster.Has("seed-nodes") ? cluster.Strings("seed-nodes") : [];
        for (var i = 0; i < seeds.Length; i++)
            if (Sweeps.SweepCluster.AddressProblem(seeds[i]) is { } problem) throw cluster.Error($"seed-nodes[{i}]", problem);
        return new Sweeps.SweepCluster.Node(cluster.Has("hostname") ? cluster.String("hostname") : "127.0.0.1",
            cluster.Has("port") ? cluster.Int("port", 0, 65535) : 0, seeds);
    }
}
