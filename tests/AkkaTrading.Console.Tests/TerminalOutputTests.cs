using System.Collections.Immutable;
using AkkaTrading.Console.Output;
using AkkaTrading.Domain.Accounts;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Domain.Trading;
using Spectre.Console;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Console.Tests;

/// <summary>The terminal widgets, rendered without ANSI into text.</summary>
public sealed class TerminalOutputTests
{
    private static (IAnsiConsole Console, StringWriter Text) PlainConsole()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 240;
        return (console, text);
    }

    private static Snapshot Sample()
    {
        var book = new ExchangeBook(["ALFA"], 10, 0m);
        var account = book.OpenAccount("investor", 1000m);
        book.RecordPrice("ALFA", 10m);
        var fill = book.Submit(new Order("investor", "ALFA", Side.Buy, 20), 0).Fill!;
        book.CloseStep(0);
        book.RecordPrice("ALFA", 12m);
        book.CloseStep(1);
        var prices = book.LastPrices();
        return new Snapshot(1, [book.SummaryOf(account, prices)], prices.ToImmutableDictionary(), [.. book.AssetSummaries()], [fill], 1);
    }

    [Fact]
    public void The_statistics_tables_show_every_bot_with_a_total_and_every_asset()
    {
        var (console, text) = PlainConsole();
        StatisticsTables.Write(console, Sample(), "Summary");
        var output = text.ToString();

        Assert.DoesNotContain('\u001b', output);
        Assert.Matches(@"investor\s*│\s*1,000\.00\s*│\s*800\.00\s*│\s*240\.00\s*│\s*1,040\.00\s*│\s*\+40\.00\s*│\s*\+4\.00%",
            output);
        Assert.Matches(@"total\s*│\s*1,000\.00", output);
        Assert.Matches(@"ALFA\s*│\s*10\.00\s*│\s*12\.00\s*│\s*10\.00\s*│\s*12\.00\s*│\s*\+20\.00%", output);
    }

    [Fact]
    public void A_replay_of_market_data_adds_the_period_and_a_table_of_annualised_statistics()
    {
        var (console, text) = PlainConsole();
        var start = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var timed = new TimedStatistics(new Timeline(start, start.AddDays(1), 2, 252, DatesOnly: true), 0m);

        StatisticsTables.Write(console, Sample(), "Summary", timed);
        var output = text.ToString();

        Assert.Contains("period 2024-01-02 to 2024-01-03 (2 bars, 252 a year), risk-free rate 0% a year", output);
        Assert.Matches(@"bot\s*│\s*CAGR\s*│\s*volatility\s*│\s*Sharpe\s*│\s*Sortino\s*│\s*longest drawdown", output);
        // Equity 1000 → 1000 → 1040 in one day: CAGR (1.04^365.25 − 1) is huge but finite; no step lost, so no Sortino.
        Assert.Matches(@"investor\s*│\s*\+[\d.E+]+%\s*│\s*\d+\.\d\d%\s*│\s*\d+\.\d\d\s*│\s*n/a\s*│\s*none",
            output);
    }

    [Fact]
    public void The_live_view_shows_prices_with_their_trend_the_bots_and_the_last_trades()
    {
        var (console, text) = PlainConsole();
        var view = new LiveView();
        view.Render(Sample() with { Assets = [new AssetSummary("ALFA", 10m, 11m, 10m, 11m)] }, TimeSpan.FromSeconds(5));
        console.Write(view.Render(Sample(), TimeSpan.FromSeconds(4)));
        var output = text.ToString();

        Assert.Contains("▲", output); // 11 → 12
        Assert.Matches(@"investor\s*│\s*800\.00\s*│\s*20 ALFA\s*│\s*1,040\.00", output);
        Assert.Contains("BUY investor 20 ALFA @ 10", output);
    }

    [Fact]
    public void A_sweep_table_shows_the_swept_values_and_the_figures_of_training_and_test_side_by_side()
    {
        var (console, text) = PlainConsole();
        var grid = new Domain.Sweeps.SweepGrid([new Domain.Sweeps.SweepAxis("window", [5m, 10m])]);
        var plan = new Engine.Sweeps.SweepPlan("grid.hocon", Engine.Bots.StrategyKinds.All[0], ["ALFA"], false, 1000m,
            Engine.Settings.HoconSection.Root(Akka.Configuration.ConfigurationFactory.Empty), grid);
        Domain.Sweeps.SweepStatistics S(decimal ret) => new(ret, ret * 10, 3.5m, 50m, 4, 2, 1000m + ret * 10, 0.25);
        var outcome = new Domain.Sweeps.SweepOutcome(new(Domain.Sweeps.SweepMetric.Return, 1, 70), new(0, 7), new(7, 10),
            [new(0, [5m], S(1m), null), new(1, [10m], S(2.5m), S(-1m))], [1, 0], []);

        Console.Sweeps.SweepTable.Best(outcome, plan).Write(console, "Sweep");
        var output = text.ToString();

        Assert.DoesNotContain('\u001b', output);
        Assert.Matches(@"rank\s*│\s*window\s*│\s*return \(train\)\s*│\s*P/L \(train\)", output);
        Assert.Matches(@"1\s*│\s*10\s*│\s*\+2\.50%\s*│\s*\+25\.00\s*│\s*3\.50%\s*│\s*50\.0%\s*│\s*4\s*│\s*0\.25\s*│" +
            @"\s*-1\.00%", output);
        Assert.DoesNotMatch(@"│\s*5\s*│", output); // only the top 1
    }
}
