using System.Diagnostics;
using System.Threading.Channels;

namespace AkkaTrading.Console.Tests;

/// <summary>A program other than the app (an example bot) as a real process: its output lines as they come, killed at the
/// end.</summary>
public sealed class ExampleProcess : IDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    public ExampleProcess(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite(line); };
        Process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) _lines.Writer.TryWrite("stderr: " + line); };
        Process.Exited += (_, _) => _lines.Writer.TryComplete();
        Process.EnableRaisingEvents = true;
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>Everything it printed so far (for failure messages).</summary>
    public string Output
    {
        get { lock (_seen) return string.Join("\n", _seen); }
    }

    /// <summary>The first line from now on that matches, or a failure naming what it printed instead.</summary>
    public async Task<string> WaitForLine(Func<string, bool> matches, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(cancel.Token))
            {
                lock (_seen) _seen.Add(line);
                if (matches(line)) return line;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no such line within {timeout.TotalSeconds} s; it printed:\n{Output}");
        }
        throw new InvalidOperationException($"it ended ({Process.ExitCode}) without such a line; it printed:\n{Output}");
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
