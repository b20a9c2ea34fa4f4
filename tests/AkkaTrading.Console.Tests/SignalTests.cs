using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGHUP on a real process: a live run ends early with its summary; a replay stops
/// promptly, says it was interrupted, commits nothing and exits with 130.
/// </summary>
public sealed class SignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(2)] // SIGINT
    [InlineData(15)] // SIGTERM
    [InlineData(1)] // SIGHUP
    public async Task A_signal_ends_a_live_run_with_its_summary(int signal)
    {
        if (!OperatingSystem.IsLinux()) return;
        using var app = new AppProcess("run", "--duration", "2m", "--plain");

        Assert.StartsWith("Live run for 120s", await app.NextLine());
        while (!(await app.NextLine()).Contains("INF] BUY")) { } // the actor system runs and the bots trade
        Assert.True(app.Signal(signal));
        var rest = await app.Process.StandardOutput.ReadToEndAsync().WaitAsync(Patience);
        await app.Process.WaitForExitAsync().WaitAsync(Patience);

        Assert.True(app.Process.ExitCode == 0, $"exit {app.Process.ExitCode}: {await app.Errors}");
        Assert.Matches(@"== Summary after \d+ prices ==", rest);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(1)]
    public async Task A_signal_stops_a_replay_promptly_and_nothing_is_written(int signal)
    {
        if (!OperatingSystem.IsLinux()) return;
        var (scenario, config) = SlowReplay();
        var dir = Path.GetDirectoryName(scenario)!;
        var trades = Path.Combine(dir, "trades.csv");
        using var app = new AppProcess("replay", scenario, "--config", config, "--trades", trades, "--report", Path.Combine(dir, "report"),
            "--plain");

        while (!(await app.NextLine()).Contains("WRN] REJECTED")) { } // the replay is under way
        var clock = Stopwatch.StartNew();
        Assert.True(app.Signal(signal));
        var drained = app.Process.StandardOutput.ReadToEndAsync();
        await app.Process.WaitForExitAsync().WaitAsync(Patience);
        await drained.WaitAsync(Patience);

        Assert.True(app.Process.ExitCode == 130, $"exit {app.Process.ExitCode}: {await app.Errors}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopped after {clock.Elapsed}");
        Assert.Contains("interrupted: the replay stopped before its end; nothing was written", await app.Errors);
        Assert.Equal(["bots.hocon", "slow.csv"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    /// <summary>A replay that runs for many seconds: 100 bots without cash on 3 assets, each rejection logged.</summary>
    private static (string Scenario, string Config) SlowReplay()
    {
        var csv = new StringBuilder("step,asset,price\n");
        for (var step = 0; step < 20_000; step++)
            foreach (var (asset, start) in new[] { ("ALFA", 100m), ("BETA", 50m), ("GAMMA", 250m) })
                csv.Append(CultureInfo.InvariantCulture, $"{step},{asset},{start + step % 7}\n");
        var scenario = RepoFiles.ScratchFile("slow.csv", csv.ToString());
        var bots = string.Join("\n", Enumerable.Range(0, 100).Select(i =>
            $"{{ name = b{i}, strategy = investor, assets = [ALFA, BETA, GAMMA], initial-cash = 0, settings {{ window = 1, dip-percent = " +
                $"0 }} }}"));
        var config = Path.Combine(Path.GetDirectoryName(scenario)!, "bots.hocon");
        File.WriteAllText(config, $"akka-trading.bots = [\n{bots}\n]\n");
        return (scenario, config);
    }
}
