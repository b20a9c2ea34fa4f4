using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AkkaTrading.Console.Tests;

/// <summary>The sweep command as a user runs it: the README's example, its files, and the same sweep on a 3-process cluster.</summary>
public sealed class SweepTests
{
    private static readonly string Scenario = RepoFiles.Scenario("choppy.hocon");
    private static readonly string Grid = RepoFiles.Hocon(Path.Combine("sweeps", "investor.hocon"));

    [Fact]
    public async Task The_readme_sweep_writes_its_table_files_and_a_best_hocon_that_replays_to_the_figures_shown()
    {
        var report = RepoFiles.Scratch("report");
        var result = await AppRun.RunAsync("sweep", Scenario, "--grid", Grid, "--report", report);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n');
        Assert.StartsWith("Sweep of 192 combinations of investor (window 4 × dip-percent 8 × take-profit-percent 6)", lines[0]);
        Assert.DoesNotContain('\u001b', result.Output); // plain when not a terminal
        var csv = File.ReadAllLines(Path.Combine(report, "sweep.csv"));
        Assert.Equal("combination,window,dip-percent,take-profit-percent,rank,return_percent,profit_loss,max_drawdown_percent," +
            "win_rate_percent,trades,round_trips,equity,sharpe", csv[0]);
        Assert.Equal(193, csv.Length);
        Assert.Equal(Enumerable.Range(1, 192).Select(i => $"{i}"), csv.Skip(1).Select(l => l.Split(',')[4]).Order(Comparer<string>.Create(
            (a, b) => int.Parse(a).CompareTo(int.Parse(b)))));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(report, "heatmap.png")).Take(4));
        var md = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("![heatmap](heatmap.png)", md);
        Assert.Contains("| rank | window | dip-percent | take-profit-percent | return |", md);

        // rank 1 of the table, replayed from best.hocon over the same scenario, shows the same return and profit/loss
        var best = lines.First(l => l.StartsWith("1 ", StringComparison.Ordinal));
        var cells = Regex.Split(best.Trim(), @"\s{2,}");
        var (ret, pnl, trades) = (cells[4], cells[5], cells[8]);
        var replay = await AppRun.RunAsync("replay", Scenario, "--config", Path.Combine(report, "best.hocon"), "--log-level", "error");
        Assert.True(replay.ExitCode == 0, replay.Error);
        var row = replay.Output.Split('\n').First(l => l.StartsWith("best ", StringComparison.Ordinal));
        Assert.Matches($@"\s{Regex.Escape(pnl)}\s+{Regex.Escape(ret)}\s+{trades}\s", row);
    }

    [Fact]
    public async Task The_same_sweep_twice_and_on_one_worker_writes_the_same_csv()
    {
        var grid = RepoFiles.Hocon(Path.Combine("sweeps", "hamster.hocon"));
        string[] args = ["sweep", Scenario, "--grid", grid, "--train", "60%", "--walk-forward", "2", "--metric", "sharpe"];
        var (first, second, single) = (RepoFiles.Scratch("a"), RepoFiles.Scratch("b"), RepoFiles.Scratch("c"));
        Assert.Equal(0, (await AppRun.RunAsync([.. args, "--report", first])).ExitCode);
        Assert.Equal(0, (await AppRun.RunAsync([.. args, "--report", second])).ExitCode);
        Assert.Equal(0, (await AppRun.RunAsync([.. args, "--report", single, "--workers", "1"])).ExitCode);

        foreach (var file in new[] { "sweep.csv", "walk-forward.csv", "best.hocon" })
        {
            var expected = File.ReadAllText(Path.Combine(first, file));
            Assert.Equal(expected, File.ReadAllText(Path.Combine(second, file)));
            Assert.Equal(expected, File.ReadAllText(Path.Combine(single, file)));
        }
        var header = File.ReadLines(Path.Combine(first, "sweep.csv")).First();
        Assert.EndsWith(",sharpe,test_return_percent,test_profit_loss,test_max_drawdown_percent,test_win_rate_percent,test_trades," +
            "test_round_trips,test_equity,test_sharpe", header);
        Assert.Equal(61, File.ReadAllLines(Path.Combine(first, "sweep.csv")).Length);
    }

    [Fact]
    public async Task A_sweep_on_three_processes_writes_the_csv_of_one_process()
    {
        var alone = RepoFiles.Scratch("alone");
        Assert.Equal(0, (await AppRun.RunAsync("sweep", Scenario, "--grid", Grid, "--report", alone)).ExitCode);

        var port = FreePort();
        var clustered = RepoFiles.Scratch("cluster");
        using var sweep = new AppProcess("sweep", Scenario, "--grid", Grid, "--report", clustered, "--port", $"{port}", "--nodes", "3",
            "--config", RepoFiles.ScratchFile("one-per-pass.hocon", "akka-trading.sweep.combinations-per-pass = 1"));
        var seed = $"akka.tcp://akka-trading-sweep@127.0.0.1:{port}";
        using var node1 = new AppProcess("sweep-node", "--seed-nodes", seed, "--workers", "1");
        using var node2 = new AppProcess("sweep-node", "--seed-nodes", seed, "--workers", "1");
        var output = await sweep.Process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await sweep.Process.WaitForExitAsync();

        Assert.True(sweep.Process.ExitCode == 0, await sweep.Errors);
        Assert.Contains("3 nodes up", output);
        Assert.Equal(File.ReadAllText(Path.Combine(alone, "sweep.csv")), File.ReadAllText(Path.Combine(clustered, "sweep.csv")));
        // the nodes end with the sweep they served
        foreach (var node in new[] { node1, node2 })
        {
            await node.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, node.Process.ExitCode);
        }
    }

    [Fact]
    public async Task Ranked_by_sharpe_combinations_that_never_trade_come_last_and_leave_their_heatmap_cells_blank()
    {
        var report = RepoFiles.Scratch("sharpe");
        var result = await AppRun.RunAsync("sweep", Scenario, "--grid", Grid, "--metric", "sharpe", "--walk-forward", "2",
            "--report", report);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(report, "heatmap.png")));
        var rows = File.ReadAllLines(Path.Combine(report, "sweep.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var undefined = rows.Where(r => r[^1] == "").Select(r => int.Parse(r[4])).ToList();
        Assert.NotEmpty(undefined); // some combinations never buy: no Sharpe ratio
        Assert.All(undefined, rank => Assert.True(rank > rows.Count - undefined.Count));
    }

    [Fact]
    public async Task A_port_in_use_or_an_address_not_of_this_machine_is_refused_in_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await AppRun.RunAsync("sweep", Scenario, "--grid", Grid, "--port", $"{port}");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port}: ", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));

        var node = await AppRun.RunAsync("sweep-node", "--seed-nodes", $"akka.tcp://akka-trading-sweep@127.0.0.1:{port}",
            "--hostname", "192.0.2.1");
        Assert.Equal(2, node.ExitCode);
        Assert.StartsWith("error: cannot listen on 192.0.2.1:0: ", node.Error);
    }

    [Theory]
    [InlineData("window = [5, 0]", "'sweep.parameters.window' holds 0, which the investor strategy refuses: 'window' must be ≥ 1, not 0")]
    [InlineData("wndow = [5]", "'sweep.parameters.wndow' holds 5, which the investor strategy refuses: 'wndow' is not a known setting")]
    [InlineData("window { from = 1, to = 100000, step = 1 }\ndip-percent { from = 1, to = 10, step = 0.01 }",
        "'sweep.parameters' make 90,100,000 combinations, more than 'akka-trading.sweep.max-combinations' = 100,000")]
    public async Task A_wrong_grid_is_refused_in_one_line_naming_the_file_and_key(string parameters, string message)
    {
        var grid = RepoFiles.ScratchFile("grid.hocon",
            $"sweep {{\n bot {{ strategy = investor, assets = [ALFA], initial-cash = 1000 }}\n parameters {{\n{parameters}\n }}\n}}");
        var result = await AppRun.RunAsync("sweep", Scenario, "--grid", grid);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {grid}: {message}", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData(new[] { "--train", "100%" }, "--train '100%' is not a percentage of the steps from 1% to 99%")]
    [InlineData(new[] { "--metric", "alpha" }, "--metric 'alpha' is not a metric: use return, profit-loss, max-drawdown")]
    [InlineData(new[] { "--heatmap", "window,quantity" }, "--heatmap names 'quantity', which")]
    [InlineData(new[] { "--top", "0" }, "--top '0' is not a whole number from 1 to 1000")]
    [InlineData(new[] { "--nodes", "3" }, "--nodes applies to a cluster")]
    [InlineData(new[] { "--seed-nodes", "127.0.0.1:4053" }, "--seed-nodes '127.0.0.1:4053' is not a node address")]
    public async Task Wrong_options_are_refused_in_one_line(string[] options, string message)
    {
        var result = await AppRun.RunAsync(["sweep", Scenario, "--grid", Grid, .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {message}", result.Error);
    }

    [Theory]
    [InlineData("", "sweep-node needs --seed-nodes (or akka-trading.sweep.cluster.seed-nodes)")]
    [InlineData("akka-trading.sweep.cluster { port = 4053 }", "sweep-node needs --seed-nodes (or akka-trading.sweep.cluster.seed-nodes)")]
    [InlineData("akka-trading.sweep.cluster { seed-nodes = [\"akka.tcp://other@127.0.0.1:1\"] }",
        "'akka-trading.sweep.cluster.seed-nodes[0]' 'akka.tcp://other@127.0.0.1:1' is not a node address")]
    [InlineData("akka-trading.sweep.cluster { port = 70000 }", "'akka-trading.sweep.cluster.port' must be ≤ 65535")]
    public async Task A_sweep_node_without_a_cluster_to_join_is_refused(string config, string message)
    {
        var result = await AppRun.RunAsync("sweep-node", "--config", RepoFiles.ScratchFile("node.hocon", config));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_grid_file_that_cannot_be_read_is_named()
    {
        var missing = RepoFiles.Scratch("no-such-grid.hocon");
        var result = await AppRun.RunAsync("sweep", Scenario, "--grid", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: cannot read the grid file '{missing}': ", result.Error);
    }

    [Fact]
    public async Task A_grid_of_an_asset_the_scenario_lacks_is_refused()
    {
        var grid = RepoFiles.ScratchFile("grid.hocon",
            "sweep {\n bot { strategy = investor, assets = [ALFA, OMEGA], initial-cash = 1000 }\n parameters { window = [5] }\n}");
        var result = await AppRun.RunAsync("sweep", Scenario, "--grid", grid);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {grid}: 'sweep.bot.assets' names asset 'OMEGA', which {Scenario} does not have", result.Error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
