using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AkkaTrading.Console.Tests;

/// <summary>The console app as a real process, its error output collected.</summary>
public sealed class AppProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

#pragma warning disable SYSLIB1054 // DllImport keeps the test project free of unsafe code
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    public AppProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AkkaTrading.Console.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process = Process.Start(start)!;
        Errors = Process.StandardError.ReadToEndAsync();
    }

    public Process Process { get; }
    public Task<string> Errors { get; }

    public async Task<string> NextLine() =>
        await Process.StandardOutput.ReadLineAsync().WaitAsync(Patience)
            ?? throw new InvalidOperationException("the app ended early: " + await Errors);

    /// <summary>Runs the app as a real process to its end (killed after a minute): its exit code, output and errors.</summary>
    public static async Task<AppResult> RunToEndAsync(params string[] args)
    {
        using var app = new AppProcess(args);
        var output = app.Process.StandardOutput.ReadToEndAsync();
        await app.Process.WaitForExitAsync().WaitAsync(Patience);
        return new AppResult(app.Process.ExitCode, await output.WaitAsync(Patience), await app.Errors.WaitAsync(Patience));
    }

    /// <summary>Sends a POSIX signal (2 SIGINT, 15 SIGTERM, 1 SIGHUP); true when it was sent.</summary>
    public bool Signal(int signal) => Kill(Process.Id, signal) == 0;

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
