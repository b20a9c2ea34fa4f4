using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AkkaTrading.Console.Tests;

/// <summary>An output never destroys anything: not an input, not a device, not a file that happens to have a temporary's name.</summary>
public sealed class SafeOutputTests
{
#pragma warning disable SYSLIB1054 // DllImport keeps the test project free of unsafe code
    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MkFifo(string path, uint mode);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int HardLink(string existing, string link);
#pragma warning restore SYSLIB1054

    private const string Csv = "step,asset,price\n0,ALFA,100\n1,ALFA,90\n2,ALFA,99\n";

    private static async Task<string> Refused(params string[] args)
    {
        var result = await AppRun.RunAsync(args);
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Output);
        return result.Error.TrimEnd();
    }

    [Fact]
    public async Task The_trade_log_never_overwrites_the_scenario_by_any_path()
    {
        var scenario = RepoFiles.ScratchFile("in.csv", Csv);
        var dir = Path.GetDirectoryName(scenario)!;
        var link = Path.Combine(dir, "link.csv");
        File.CreateSymbolicLink(link, scenario);
        var hard = Path.Combine(dir, "hard.csv");
        Assert.Equal(0, HardLink(scenario, hard));

        foreach (var output in new[] { scenario, Path.Combine(dir, "..", Path.GetFileName(dir), "in.csv"), hard })
            Assert.Equal($"error: --trades '{output}' is the scenario file '{scenario}'; an output never overwrites an input",
                await Refused("replay", scenario, "--trades", output));
        Assert.Contains("is the scenario file", await Refused("replay", link, "--trades", scenario));
        Assert.Equal(Csv, File.ReadAllText(scenario));
    }

    [Fact]
    public async Task The_log_file_is_never_an_input()
    {
        var scenario = RepoFiles.ScratchFile("in.csv", Csv);
        var config = RepoFiles.ScratchFile("my.hocon", "akka-trading.exchange.fee-percent = 0\n");
        Assert.Contains("is the scenario file", await Refused("replay", scenario, "--log-file", scenario));
        Assert.Contains("is the configuration file", await Refused("replay", scenario, "--config", config, "--log-file", config));
        Assert.Contains("is the configuration file", await Refused("run", "--config", config, "--log-file", config));
        Assert.Equal(Csv, File.ReadAllText(scenario));
        Assert.Equal("akka-trading.exchange.fee-percent = 0\n", File.ReadAllText(config));
    }

    [Fact]
    public async Task A_trade_log_destination_that_is_not_a_regular_file_or_a_new_path_is_refused_before_the_replay()
    {
        if (!OperatingSystem.IsLinux()) return;
        var scenario = RepoFiles.ScratchFile("in.csv", Csv);
        var dir = Path.GetDirectoryName(scenario)!;
        var fifo = Path.Combine(dir, "fifo");
        Assert.Equal(0, MkFifo(fifo, Convert.ToUInt32("644", 8)));
        var link = Path.Combine(dir, "link.csv");
        File.CreateSymbolicLink(link, Path.Combine(dir, "elsewhere.csv"));

        Assert.Equal("error: --trades '/dev/null' is not a regular file (a device, FIFO or socket)",
            await Refused("replay", scenario, "--trades", "/dev/null"));
        Assert.Contains("is not a regular file", await Refused("replay", scenario, "--trades", fifo));
        Assert.Equal($"error: --trades '{dir}' is a directory", await Refused("replay", scenario, "--trades", dir));
        Assert.Contains("is a symbolic link", await Refused("replay", scenario, "--trades", link));
        Assert.Equal("error: --trades needs a file name, not an empty string", await Refused("replay", scenario, "--trades", ""));
        Assert.Contains("does not exist", await Refused("replay", scenario, "--trades", Path.Combine(dir, "no", "such", "t.csv")));
        Assert.True(File.Exists("/dev/null") && !File.Exists(Path.Combine(dir, "elsewhere.csv")));
        Assert.Equal(["fifo", "in.csv", "link.csv"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_file_that_has_a_temporary_name_is_never_touched_and_no_temporary_is_left()
    {
        var trades = RepoFiles.Scratch("trades.csv");
        var dir = Path.GetDirectoryName(trades)!;
        File.WriteAllText(trades + ".partial", "mine");
        File.WriteAllText(Path.Combine(dir, ".trades.csv.000000000000.tmp"), "mine too");

        var result = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--trades", trades, "--log-level", "error");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("mine", File.ReadAllText(trades + ".partial"));
        Assert.Equal("mine too", File.ReadAllText(Path.Combine(dir, ".trades.csv.000000000000.tmp")));
        Assert.Equal(3, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public async Task A_log_file_that_cannot_be_opened_is_an_error_at_the_start()
    {
        var dir = Path.GetDirectoryName(RepoFiles.Scratch("x"))!;
        Assert.Equal($"error: --log-file '{dir}' is a directory",
            await Refused("replay", RepoFiles.Scenario("crash.hocon"), "--log-file", dir));
        Assert.Contains("does not exist", await Refused("run", "--log-file", Path.Combine(dir, "no", "run.log")));
        Assert.Equal("error: --log-file needs a file name, not an empty string", await Refused("run", "--log-file", ""));
    }

    [Fact]
    public async Task A_report_directory_that_holds_an_input_or_another_output_is_refused()
    {
        var scenario = RepoFiles.ScratchFile("in.csv", Csv);
        var dir = Path.GetDirectoryName(scenario)!;
        Assert.Contains("holds the scenario file", await Refused("replay", scenario, "--report", dir, "--force"));
        var report = Path.Combine(dir, "report");
        Directory.CreateDirectory(report);
        Assert.Contains("holds the --trades file",
            await Refused("replay", scenario, "--report", report, "--trades", Path.Combine(report, "t.csv")));
        Assert.Equal(Csv, File.ReadAllText(scenario));
    }

    [Fact]
    public async Task Two_runs_writing_the_same_trade_log_never_splice()
    {
        var trades = RepoFiles.Scratch("trades.csv");
        var runs = await Task.WhenAll(
            AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--trades", trades, "--log-level", "error"),
            AppRun.RunAsync("replay", RepoFiles.Scenario("dip-and-recovery.hocon"), "--trades", trades, "--log-level", "error"));
        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        var text = File.ReadAllText(trades);
        Assert.Contains(text, new[] { "crash", "dip-and-recovery" }.Select(n => File.ReadAllText(RepoFiles.Golden($"{n}.trades.csv"))));
    }
}
