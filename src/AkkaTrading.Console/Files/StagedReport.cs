using System.Text.RegularExpressions;
using AkkaTrading.Console.Cli;

namespace AkkaTrading.Console.Files;

/// <summary>
/// A report written into a new temporary directory beside its destination and swapped into place whole when it
/// is complete: a failed or interrupted run leaves no half report, and <c>--force</c> replaces an earlier report
/// entirely (no stale charts of bots or assets that are gone).
/// </summary>
public sealed partial class StagedReport : IDisposable
{
    private readonly string _staging;
    private bool _done;

    private StagedReport(string destination, string staging)
    {
        Destination = destination;
        _staging = staging;
    }

    /// <summary>The report directory's full path.</summary>
    public string Destination { get; }

    /// <summary>
    /// Checks the destination before the run starts and creates the temporary directory beside it. A directory
    /// that already holds files is replaced only with <c>--force</c>, and only if it holds nothing but a report's files.
    /// </summary>
    public static StagedReport Prepare(ReportOptions options)
    {
        var dir = Path.GetFullPath(options.Directory).TrimEnd('/');
        var status = FileSystem.Status(dir, followLinks: false);
        if (status.Kind == FileKind.SymbolicLink)
            throw new UsageException($"--report: '{options.Directory}' is a symbolic link; give the directory it points to");
        if (status.Kind is FileKind.Regular or FileKind.Other)
            throw new UsageException($"--report: '{options.Directory}' is a file, not a directory");
        if (status.Kind == FileKind.Directory)
        {
            var entries = Directory.EnumerateFileSystemEntries(dir).ToList();
            if (entries.Count > 0 && !options.Force)
                throw new UsageException($"--report: '{options.Directory}' already holds files; add --force to replace the report there");
            if (entries.FirstOrDefault(e => !IsReportFile(e)) is { } foreign)
                throw new UsageException($"--report: '{options.Directory}' holds '{Path.GetFileName(foreign)}', which is not part of a " +
                    $"report; " +
                    "--force replaces only a directory that holds a report");
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
            var staging = Temporaries.NameBeside(dir);
            Directory.CreateDirectory(staging);
            Temporaries.Add(staging);
            return new StagedReport(dir, staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--report: cannot write beside '{options.Directory}': {e.Message}");
        }
    }

    /// <summary>
    /// Writes the report with <paramref name="write"/> (given the directory to write into) and swaps it into place;
    /// returns the path of <c>report.md</c>. On an I/O error nothing is swapped and an earlier report stays as it was.
    /// </summary>
    public string Publish(Func<string, string> write)
    {
        try
        {
            var report = Path.GetRelativePath(_staging, write(_staging));
            string? earlier = null;
            if (FileSystem.Status(Destination, followLinks: false).Kind == FileKind.Directory)
            {
                earlier = Temporaries.NameBeside(Destination);
                Directory.Move(Destination, earlier);
            }
            try
            {
                Directory.Move(_staging, Destination);
            }
            catch when (earlier is not null)
            {
                Directory.Move(earlier, Destination);
                throw;
            }
            _done = true;
            Temporaries.Forget(_staging);
            if (earlier is not null) Directory.Delete(earlier, recursive: true);
            return Path.Combine(Destination, report);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw new OutputException($"--report: cannot write the report into '{Destination}': {e.Message}; nothing was replaced");
        }
    }

    /// <summary>Removes the temporary directory unless the report was published.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        Temporaries.Remove(_staging);
    }

    private static bool IsReportFile(string path) => File.Exists(path) && ReportFileName().IsMatch(Path.GetFileName(path));

    // a run's report, or a sweep's
    [GeneratedRegex(@"^(report\.md|trades\.csv|equity-[A-Za-z0-9._-]+\.(csv|png)|price-[A-Za-z0-9._-]+\.png|" +
        @"sweep\.csv|walk-forward\.csv|best\.hocon|heatmap\.png)$")]
    private static partial Regex ReportFileName();
}
