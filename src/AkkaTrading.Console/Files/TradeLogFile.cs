using System.Text;

namespace AkkaTrading.Console.Files;

/// <summary>
/// A trade log written to a new temporary file beside its destination (a unique name, never an existing file)
/// and moved into place by one rename only when the run has finished, flushed to disk: a failed or interrupted
/// run never leaves a partial log or touches an earlier one, and two runs writing the same destination never
/// splice into each other.
/// </summary>
public sealed class TradeLogFile : IDisposable
{
    private readonly string _temporary;
    private readonly GuardedStream _stream;
    private bool _done;

    private readonly string _option;

    private TradeLogFile(string path, string temporary, GuardedStream stream, string option)
    {
        _option = option;
        Path = path;
        _temporary = temporary;
        _stream = stream;
        Writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    public string Path { get; }
    public TextWriter Writer { get; }

    /// <summary>Signalled when a write fails: the run should stop; <see cref="Commit"/> will report the error.</summary>
    public CancellationToken Failed => _stream.Failed;

    /// <param name="path">the destination, already checked by <see cref="OutputPaths"/></param>
    /// <param name="wrap">wraps the temporary file's stream (tests use it to simulate a full disk)</param>
    /// <param name="option">the option that named the destination, for messages</param>
    public static TradeLogFile Create(string path, Func<Stream, Stream>? wrap = null, string option = "--trades")
    {
        var temporary = Temporaries.NameBeside(path);
        FileStream file;
        try
        {
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"{option}: cannot create a file beside '{path}': {e.Message}");
        }
        Temporaries.Add(temporary);
        return new TradeLogFile(path, temporary, new GuardedStream(wrap is null ? file : wrap(file)), option);
    }

    /// <summary>Moves the complete log into place; on a write error nothing is moved and the temporary file is removed.</summary>
    public void Commit()
    {
        Writer.Flush();
        _stream.FlushToDisk();
        Writer.Dispose();
        if (_stream.Error is { } error) Fail($"cannot write '{Path}': {error.Message}");
        if (FileSystem.Status(Path, followLinks: false).Kind is not (FileKind.Missing or FileKind.Regular))
            Fail($"'{Path}' is no longer a regular file");
        try
        {
            File.Move(_temporary, System.IO.Path.GetFullPath(Path), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"cannot move the trade log into '{Path}': {e.Message}");
        }
        Temporaries.Forget(_temporary);
        _done = true;
    }

    /// <summary>Removes the temporary file unless the log was committed.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        Writer.Dispose();
        Temporaries.Remove(_temporary);
    }

    private void Fail(string problem)
    {
        Dispose();
        throw new OutputException($"{_option}: {problem}; nothing was written and an earlier file there is unchanged");
    }
}
