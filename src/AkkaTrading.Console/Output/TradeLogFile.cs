using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Console.Output;

/// <summary>
/// A trade log written to a temporary file beside its destination and moved into place only when the
/// run has finished, so a failed run never leaves a partial log or destroys an earlier one.
/// </summary>
public sealed class TradeLogFile : IDisposable
{
    private readonly string _temporary;
    private bool _committed;

    private TradeLogFile(string path, string temporary, StreamWriter writer)
    {
        Path = path;
        _temporary = temporary;
        Writer = writer;
    }

    public string Path { get; }
    public StreamWriter Writer { get; }

    public static TradeLogFile Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var temporary = full + ".partial";
        try
        {
            return new TradeLogFile(path, temporary, new StreamWriter(temporary, append: false) { NewLine = "\n" });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SettingsException($"--trades: cannot write '{path}': {e.Message}");
        }
    }

    public void Commit()
    {
        Writer.Flush();
        Writer.Dispose();
        File.Move(_temporary, System.IO.Path.GetFullPath(Path), overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        File.Delete(_temporary);
    }
}
