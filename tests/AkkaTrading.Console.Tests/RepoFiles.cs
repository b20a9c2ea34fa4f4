namespace AkkaTrading.Console.Tests;

/// <summary>Paths of files in this repository (scenarios, configurations, golden trade logs) and scratch files.</summary>
public static class RepoFiles
{
    public static readonly string Root = AkkaTrading.Tests.Shared.ExternalTools.RepositoryRoot();

    public static string Scenario(string name) => Path.Combine(Root, "hocon", "scenarios", name);
    public static string Hocon(string name) => Path.Combine(Root, "hocon", name);
    public static string Golden(string name) => Path.Combine(Root, "tests", "AkkaTrading.Console.Tests", "Golden", name);

    public static string Scratch(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "akka-trading-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    public static string ScratchFile(string name, string content)
    {
        var path = Scratch(name);
        File.WriteAllText(path, content);
        return path;
    }
}
