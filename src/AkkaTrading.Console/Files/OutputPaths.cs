using AkkaTrading.Console.Cli;

namespace AkkaTrading.Console.Files;

/// <summary>A file the run reads, named for messages: e.g. ("the scenario file", "in.csv").</summary>
public sealed record InputFile(string Role, string Path);

/// <summary>
/// Refuses, before anything runs, every output that would destroy or corrupt something: an output that is one of
/// the inputs (by whatever path or link it is reached), a trade log whose destination is not a regular file or a
/// new path, a log file that cannot be appended to, two outputs on one file, or an input or output inside the
/// report directory (which is replaced whole).
/// </summary>
public static class OutputPaths
{
    public static void Check(IEnumerable<InputFile> inputs, string? trades, string? logFile, ReportOptions? report)
    {
        var read = inputs.Where(i => !string.IsNullOrEmpty(i.Path)).ToList();
        if (trades is not null) CheckFile("--trades", trades, read, mustBeRegularOrNew: true);
        if (logFile is not null) CheckFile("--log-file", logFile, read, mustBeRegularOrNew: false);
        if (trades is not null && logFile is not null && SameFile(trades, logFile))
            throw new UsageException($"--trades and --log-file name the same file '{trades}'");
        if (report is not null) CheckReport(report, read, trades, logFile);
        if (logFile is not null) ProbeAppend(logFile);
    }

    /// <summary>
    /// Refuses an export destination (and the files written beside it) that is an input, or that lies inside the ledger's data
    /// directory: an export never writes into the ledger it reads.
    /// </summary>
    public static void CheckExport(IEnumerable<string> destinations, IEnumerable<InputFile> inputs, string? dataDirectory)
    {
        var read = inputs.Where(i => !string.IsNullOrEmpty(i.Path)).ToList();
        foreach (var path in destinations)
        {
            CheckFile("--out", path, read, mustBeRegularOrNew: true);
            if (dataDirectory is not null && FileSystem.IsWithin(path, dataDirectory))
                throw new UsageException($"--out '{path}' is inside the data directory '{dataDirectory}'; an export never writes into " +
                    "the ledger it reads");
        }
    }

    private static void CheckReport(ReportOptions report, List<InputFile> inputs, string? trades, string? logFile)
    {
        if (report.Directory.Length == 0) throw new UsageException("--report needs a directory, not an empty string");
        var files = inputs.Select(i => (i.Role, i.Path)).ToList();
        if (trades is not null) files.Add(("the --trades file", trades));
        if (logFile is not null) files.Add(("the --log-file", logFile));
        foreach (var (role, path) in files)
            if (FileSystem.IsWithin(path, report.Directory))
                throw new UsageException($"--report: '{report.Directory}' holds {role} '{path}'; the report directory is replaced whole, " +
                    "so choose another one");
    }

    private static void CheckFile(string option, string path, List<InputFile> inputs, bool mustBeRegularOrNew)
    {
        if (path.Length == 0) throw new UsageException($"{option} needs a file name, not an empty string");
        if (inputs.FirstOrDefault(i => SameFile(path, i.Path)) is { } input)
            throw new UsageException($"{option} '{path}' is {input.Role} '{input.Path}'; an output never overwrites an input");
        var status = FileSystem.Status(path, followLinks: !mustBeRegularOrNew);
        var problem = status.Kind switch
        {
            FileKind.SymbolicLink => "is a symbolic link; give the file it points to",
            FileKind.Directory => "is a directory",
            FileKind.Other => "is not a regular file (a device, FIFO or socket)",
            _ => null,
        };
        if (problem is not null) throw new UsageException($"{option} '{path}' {problem}");
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (FileSystem.Status(dir).Kind != FileKind.Directory)
            throw new UsageException($"{option} '{path}': the directory '{dir}' does not exist");
    }

    /// <summary>True when both paths reach one file: the same inode, or the same path once links are resolved.</summary>
    private static bool SameFile(string a, string b) =>
        FileSystem.Status(a).IsSameFileAs(FileSystem.Status(b)) || FileSystem.Resolve(a) == FileSystem.Resolve(b);

    /// <summary>Opens the log file for appending now, so that a log that cannot be written is an error at the start, not silence.</summary>
    private static void ProbeAppend(string path)
    {
        try
        {
            using var _ = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--log-file: cannot write '{path}': {e.Message}");
        }
    }
}
