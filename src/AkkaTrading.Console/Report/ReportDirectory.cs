using AkkaTrading.Console.Cli;

namespace AkkaTrading.Console.Report;

public static class ReportDirectory
{
    /// <summary>
    /// Makes sure the report can be written before the run starts: the directory is created if needed,
    /// refused if it already holds files (unless <paramref name="force"/>), and tried for writing.
    /// </summary>
    public static string Prepare(ReportOptions options)
    {
        var dir = Path.GetFullPath(options.Directory);
        try
        {
            if (File.Exists(dir)) throw new UsageException($"--report: '{options.Directory}' is a file, not a directory");
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any() && !options.Force)
                throw new UsageException($"--report: '{options.Directory}' already holds files; add --force to overwrite them");
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--report: cannot write to '{options.Directory}': {e.Message}");
        }
    }
}
