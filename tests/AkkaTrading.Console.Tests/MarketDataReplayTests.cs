using System.Globalization;
using System.Text;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// Replays of market data end to end, on daily histories the test writes itself (no third-party data): three symbols on
/// weekdays with holidays, a symbol that starts late, a gap of a week and a Yahoo <c>null</c> row.
/// </summary>
public sealed class MarketDataReplayTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    // NVDA is listed last: a step CSV delivers assets in the order they first appear, and NVDA starts late.
    private static readonly string[] Symbols = ["ORCL", "INTC", "NVDA"];

    /// <summary>Per symbol its (date, close) rows, null for a row Yahoo left without prices; seeded, so the same every run.</summary>
    private static Dictionary<string, List<(DateTime Date, decimal? Close)>> History()
    {
        var random = new Random(7);
        var history = Symbols.ToDictionary(s => s, _ => new List<(DateTime, decimal?)>());
        var prices = new Dictionary<string, double> { ["ORCL"] = 110, ["NVDA"] = 480, ["INTC"] = 45 };
        var holidays = new DateTime[] { new(2023, 1, 16), new(2023, 2, 20), new(2023, 4, 7), new(2023, 5, 29) };
        for (var day = new DateTime(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc); day < new DateTime(2023, 9, 1); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.Contains(day.Date)) continue;
            foreach (var symbol in Symbols)
            {
                prices[symbol] *= 1 + (random.NextDouble() - 0.5) * 0.08;
                if (symbol == "NVDA" && day < new DateTime(2023, 2, 1)) continue;                          // listed late
                if (symbol == "INTC" && day >= new DateTime(2023, 6, 12) && day < new DateTime(2023, 6, 19)) continue; // a halted week
                var close = Math.Round((decimal)prices[symbol], 6);
                history[symbol].Add((day, symbol == "ORCL" && day == new DateTime(2023, 3, 15) ? null : close));
            }
        }
        return history;
    }

    private static string Yahoo(IEnumerable<(DateTime Date, decimal? Close)> rows)
    {
        var text = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        foreach (var (date, close) in rows)
            text.Append(close is { } c
                ? string.Create(Inv, $"{date:yyyy-MM-dd},{c * 1.01m},{c * 1.02m},{c * 0.98m},{c},{c * 0.9m},12345\n")
                : $"{date:yyyy-MM-dd},null,null,null,null,null,null\n");
        return text.ToString();
    }

    private static string Generic(IEnumerable<(DateTime Date, decimal? Close)> rows) =>
        "time,price\n" + string.Concat(rows.Where(r => r.Close is not null)
            .Select(r => string.Create(Inv, $"{r.Date:yyyy-MM-dd},{r.Close}\n")));

    /// <summary>The same closes as <c>step,asset,price</c>: a step per date any symbol has, symbols in the order listed.</summary>
    private static string StepCsv(Dictionary<string, List<(DateTime Date, decimal? Close)>> history)
    {
        var dates = history.Values.SelectMany(rows => rows.Where(r => r.Close is not null).Select(r => r.Date)).Distinct().Order().ToList();
        var text = new StringBuilder("step,asset,price\n");
        for (var step = 0; step < dates.Count; step++)
            foreach (var symbol in Symbols)
                if (history[symbol].FirstOrDefault(r => r.Date == dates[step]).Close is { } close)
                    text.Append(string.Create(Inv, $"{step},{symbol},{close}\n"));
        return text.ToString();
    }

    private static (string Dir, string[] DataArgs) WriteYahooFiles(Dictionary<string, List<(DateTime, decimal?)>> history)
    {
        var dir = Path.GetDirectoryName(RepoFiles.Scratch("x"))!;
        foreach (var symbol in Symbols) File.WriteAllText(Path.Combine(dir, $"{symbol}.csv"), Yahoo(history[symbol]));
        return (dir, [.. Symbols.SelectMany(s => new[] { "--data", $"{s}={Path.Combine(dir, $"{s}.csv")}" })]);
    }

    [Fact]
    public async Task Three_yahoo_files_in_one_command_trade_as_the_same_closes_given_as_steps_with_the_dates_added()
    {
        var history = History();
        var (dir, data) = WriteYahooFiles(history);
        var trades = Path.Combine(dir, "trades.csv");
        var config = RepoFiles.Hocon("every-asset.hocon");

        var result = await AppRun.RunAsync(["replay", .. data, "--config", config, "--trades", trades, "--log-level", "error"]);
        var stepsCsv = await AppRun.ReplayTradesAsync(RepoFiles.ScratchFile("closes.csv", StepCsv(history)), config);

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadAllLines(trades);
        Assert.Equal("step,bot,side,asset,quantity,price,fee,time", rows[0]);
        Assert.True(rows.Length > 20, "the history should trade often enough to be a test");
        // Without its last column, the log is the one of the same closes replayed as steps, byte for byte.
        Assert.Equal(stepsCsv, string.Concat(rows.Select(r => r[..r.LastIndexOf(',')] + "\n")));
        // Each trade's time is its step's date: the step-th distinct date of the files.
        var dates = history.Values.SelectMany(r => r.Where(x => x.Close is not null).Select(x => x.Date)).Distinct().Order().ToList();
        foreach (var row in rows.Skip(1))
        {
            var cells = row.Split(',');
            Assert.Equal(dates[int.Parse(cells[0], Inv)].ToString("yyyy-MM-dd", Inv), cells[^1]);
        }

        var nullLine = history["ORCL"].FindIndex(r => r.Close is null) + 2; // after the header
        Assert.Contains($"warning: {Path.Combine(dir, "ORCL.csv")}: skipped 1 row without a price ('null'), the first on line {nullLine}",
            result.Error);
        Assert.Contains($"Summary of ORCL.csv, INTC.csv, NVDA.csv: {dates.Count} steps", result.Output);
        Assert.Contains($"period 2023-01-02 to 2023-08-31 ({dates.Count} bars, 252 a year), risk-free rate 0% a year", result.Output);
        Assert.Matches(@"\n  CAGR [+-]\d+\.\d\d%, volatility \d+\.\d\d%, Sharpe -?\d+\.\d\d, Sortino -?\d+\.\d\d, " +
            @"longest drawdown \d+ days \(\d+ bars\)\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_hocon_scenario_of_generic_files_beside_it_trades_as_the_yahoo_files_do()
    {
        var history = History();
        var (dir, data) = WriteYahooFiles(history);
        var scenario = RepoFiles.Scratch("history.hocon");
        var folder = Path.GetDirectoryName(scenario)!;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        foreach (var symbol in Symbols) File.WriteAllText(Path.Combine(folder, "data", $"{symbol}.txt"), Generic(history[symbol]));
        File.WriteAllText(scenario, "data { assets = [\n" + string.Concat(Symbols.Select(s =>
            $"  {{ asset = {s}, file = data/{s}.txt, format = generic }}\n")) + "] }\n");
        var config = RepoFiles.Hocon("every-asset.hocon");
        var yahooTrades = Path.Combine(dir, "yahoo.csv");

        await AppRun.RunAsync(["replay", .. data, "--config", config, "--trades", yahooTrades, "--log-level", "error"]);
        var generic = await AppRun.ReplayTradesAsync(scenario, config);

        Assert.Equal(File.ReadAllText(yahooTrades), generic);
    }

    [Fact]
    public async Task A_report_of_market_data_has_times_in_its_csvs_and_the_period_and_annualised_statistics_on_its_page()
    {
        var (dir, data) = WriteYahooFiles(History());
        var report = Path.Combine(dir, "report");

        var result = await AppRun.RunAsync(["replay", .. data, "--config", RepoFiles.Hocon("every-asset.hocon"), "--report", report,
            "--log-level", "error"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("step,bot,side,asset,quantity,price,fee,time\n", File.ReadAllText(Path.Combine(report, "trades.csv")));
        var equity = File.ReadAllLines(Path.Combine(report, "equity-investor.csv"));
        Assert.Equal("step,cash,holdings,equity,time", equity[0]);
        Assert.EndsWith(",2023-01-02", equity[1]);
        Assert.EndsWith(",2023-08-31", equity[^1]);
        var page = File.ReadAllText(Path.Combine(report, "report.md"));
        Assert.Contains("The period 2023-01-02 to 2023-08-31 (", page);
        Assert.Contains("| bot | CAGR | volatility | Sharpe | Sortino | longest drawdown |", page);
        Assert.Matches(@"\| hamster \| [+-]\d+\.\d\d% \| \d+\.\d\d% \| ", page);
    }

    [Theory]
    [InlineData("Date,Close\n2023-01-02,10\n2023-01-02,11\n", 3,
        "timestamp '2023-01-02' repeats the one before it; timestamps must increase")]
    [InlineData("Date,Close\n2023-01-02,10\n2023-01-01,11\n", 3,
        "timestamp '2023-01-01' comes before the one above it; timestamps must increase")]
    [InlineData("Date,Close\n2023-01-02,10\n2 Jan 2023,11\n", 3, "timestamp '2 Jan 2023' is not in the format yyyy-MM-dd")]
    [InlineData("Date,Close\n2023-01-02,0\n", 2, "price 0 is not positive")]
    [InlineData("Date,Open\n2023-01-02,10\n", 1, "there is no column 'Close'; the header has: Date, Open")]
    public async Task Bad_market_data_is_one_error_naming_the_file_and_line_and_nothing_is_replayed(string content, int line,
        string problem)
    {
        var file = RepoFiles.ScratchFile("bad.csv", content);
        var trades = Path.Combine(Path.GetDirectoryName(file)!, "trades.csv");

        var result = await AppRun.RunAsync("replay", "--data", $"ORCL={file}", "--trades", trades);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {file}, line {line}: {problem}\n", result.Error.ReplaceLineEndings("\n"));
        Assert.False(File.Exists(trades));
    }

    [Theory]
    [InlineData(new[] { "replay", "s.csv", "--data", "A=a.csv" },
        "error: 'replay' takes a scenario file or --data, not both ('s.csv' and --data)")]
    [InlineData(new[] { "replay", "s.csv", "--format", "yahoo" }, "error: --format only applies with --data")]
    [InlineData(new[] { "replay", "--data", "a.csv" }, "error: --data 'a.csv' is not ASSET=FILE")]
    [InlineData(new[] { "replay", "--data", "A=a.csv", "--data", "A=b.csv" }, "error: --data names asset 'A' twice")]
    [InlineData(new[] { "replay", "--data", "A=a.csv", "--format", "xls" }, "error: --format 'xls' is not a format of market data")]
    public async Task Mistakes_with_data_options_are_usage_errors(string[] args, string message)
    {
        var result = await AppRun.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error);
    }
}
