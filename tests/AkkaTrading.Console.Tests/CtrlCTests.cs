using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AkkaTrading.Console.Tests;

/// <summary>Ctrl+C (SIGINT) on a real process ends a live run early with its summary, not with an error.</summary>
public sealed class CtrlCTests
{
#pragma warning disable SYSLIB1054 // DllImport keeps the test project free of unsafe code
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054

    private const int SigInt = 2;

    [Fact]
    public async Task Ctrl_c_ends_a_live_run_with_its_summary()
    {
        if (!OperatingSystem.IsLinux()) return;
        var app = Path.Combine(AppContext.BaseDirectory, "AkkaTrading.Console.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { app, "run", "--duration", "2m", "--plain" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();

        Assert.StartsWith("Live run for 120s", await NextLine());
        while (!(await NextLine()).Contains("INF] BUY")) { } // the actor system runs and the bots trade
        Assert.Equal(0, Kill(process.Id, SigInt));
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        Assert.Matches(@"== Summary after \d+ prices ==", rest);

        async Task<string> NextLine() =>
            await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("the app ended early: " + await stderr);
    }
}
