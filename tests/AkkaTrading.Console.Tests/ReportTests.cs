using System.Globalization;

namespace AkkaTrading.Console.Tests;

/// <summary>--report: the files a trader reads after a run, and the mistakes around the report directory.</summary>
public sealed class ReportTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_replay_report_holds_the_trade_log_equity_curves_charts_and_a_summary_page()
    {
        var dir = RepoFiles.Scratch("report");
        var result = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--report", dir, "--log-level", "error");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"report: {Path.Combine(dir, "report.md")}", result.Output);
        Assert.Equal(File.ReadAllText(RepoFiles.Golden("crash.trades.csv")), File.ReadAllText(Path.Combine(dir, "trades.csv")));

        foreach (var bot in new[] { "investor", "hamster" })
        {
            var rows = File.ReadAllLines(Path.Combine(dir, $"equity-{bot}.csv"));
            Assert.Equal("step,cash,holdings,equity", rows[0]);
            Assert.Equal(47, rows.Length - 1); // one row per step of the scenario
            foreach (var row in rows.Skip(1))
            {
                var f = row.Split(',').Select(x => decimal.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(f[1] + f[2], f[3]); // cash + holdings = equity
            }
            Assert.EndsWith(bot == "investor" ? ",10000.00" : ",9470.00", rows[^1]); // the summary's final equity
        }

        foreach (var png in new[] { "equity-investor.png", "equity-hamster.png", "price-ALFA.png", "price-BETA.png", "price-GAMMA.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, png));
            Assert.Equal(PngSignature, bytes.Take(8));
            Assert.InRange(bytes.Length, 10_000, 2_000_000);
        }

        var page = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.StartsWith("# Replay of crash.hocon: 47 steps, 141 prices, 12 trades", page);
        Assert.Contains("| hamster | 10,000.00 | 8,000.00 | 1,470.00 | 9,470.00 | -530.00 | -5.30% | 9 | 3 | 0.0% |", page);
        Assert.Contains("![investor: equity and drawdown](equity-investor.png)", page);
        Assert.Contains("![ALFA: price, buys and sells](price-ALFA.png)", page);
        Assert.Contains("akka-trading {", page);
        Assert.Contains("crash-percent : 8.0", page); // the hamster's per-bot override, as run
    }

    [Fact]
    public async Task An_existing_report_is_replaced_whole_and_only_with_force()
    {
        var dir = RepoFiles.Scratch("report");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "report.md"), "an earlier report");
        File.WriteAllText(Path.Combine(dir, "equity-gone.csv"), "a bot that is no longer configured");

        var refused = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--report", dir);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: --report: '{dir}' already holds files; add --force to replace the report there", refused.Error.TrimEnd());
        Assert.Equal("an earlier report", File.ReadAllText(Path.Combine(dir, "report.md")));

        var forced = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--report", dir, "--force", "--log-level", "error");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("# Replay of crash.hocon", File.ReadAllText(Path.Combine(dir, "report.md")));
        Assert.False(File.Exists(Path.Combine(dir, "equity-gone.csv")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(dir)!, ".*.tmp"));
    }

    [Fact]
    public async Task Force_never_replaces_a_directory_that_holds_more_than_a_report()
    {
        var dir = RepoFiles.Scratch("report");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        var refused = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--report", dir, "--force");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"error: --report: '{dir}' holds 'notes.txt', which is not part of a report; --force replaces only a directory that " +
            $"holds a report",
            refused.Error.TrimEnd());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
    }

    [Fact]
    public async Task A_report_directory_that_cannot_be_written_is_a_clear_error()
    {
        var file = RepoFiles.ScratchFile("plain-file", "not a directory");
        var result = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--report", Path.Combine(file, "report"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: --report: cannot write beside '{Path.Combine(file, "report")}'", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Force_without_a_report_is_refused() =>
        Assert.Equal("error: --force only applies with --report <dir>",
            (await AppRun.RunAsync("replay", "x.csv", "--force")).Error.TrimEnd());

    [Fact]
    public async Task Output_that_is_not_a_terminal_carries_no_ansi_escape_codes()
    {
        var result = await AppRun.RunAsync("replay", RepoFiles.Scenario("crash.hocon"), "--report", RepoFiles.Scratch("report"),
            "--log-level", "error");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Output);
    }
}
