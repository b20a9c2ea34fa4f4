using System.Globalization;
using AkkaTrading.Console.Output;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using Spectre.Console;

namespace AkkaTrading.Console.Sweeps;

/// <summary>
/// The best combinations of a sweep as a table: rank, the swept values, then their figures on the ranking steps and, when split,
/// on the test steps beside them. One set of cells for the terminal, plain output and the report.
/// </summary>
public sealed class SweepTable
{
    private static readonly string[] Figures = ["return", "P/L", "max drawdown", "win rate", "trades", "Sharpe"];

    private SweepTable(IReadOnlyList<string> header, int keys, IReadOnlyList<string[]> rows)
    {
        Header = header;
        LeftColumns = keys;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The rank and the swept values: aligned left.</summary>
    private int LeftColumns { get; }

    public static SweepTable Best(SweepOutcome outcome, SweepPlan plan)
    {
        var split = outcome.TestSteps is not null;
        var keys = plan.Grid.Axes.Select(a => a.Key).ToList();
        List<string> header = ["rank", .. keys, .. Figures.Select(f => split ? $"{f} (train)" : f)];
        if (split) header.AddRange(Figures.Select(f => $"{f} (test)"));
        var rows = outcome.Best.Select((row, i) =>
        {
            List<string> cells = [$"{i + 1}", .. row.Values.Select(SweepPlan.Format), .. Cells(row.InSample)];
            if (split) cells.AddRange(row.OutOfSample is { } test ? Cells(test) : Figures.Select(_ => ""));
            return cells.ToArray();
        }).ToList();
        return new SweepTable(header, 1 + keys.Count, rows);
    }

    /// <summary>Each walk-forward window's best on its training steps with its figures on the window's test steps.</summary>
    public static SweepTable Windows(SweepOutcome outcome, SweepPlan plan)
    {
        var keys = plan.Grid.Axes.Select(a => a.Key).ToList();
        var metric = outcome.Options.Metric.Title;
        List<string> header = ["walk-forward window", "train steps", "test steps", .. keys, $"{metric} (train)", $"{metric} (test)"];
        var rows = outcome.Windows.Select(w =>
        {
            var best = w.Best[0];
            return (string[])[$"{w.Number}", $"{w.Train.From + 1}–{w.Train.To}", $"{w.Test.From + 1}–{w.Test.To}",
                .. best.Values.Select(SweepPlan.Format), Metric(outcome.Options.Metric, best.InSample),
                Metric(outcome.Options.Metric, best.OutOfSample!)];
        }).ToList();
        return new SweepTable(header, 3 + keys.Count, rows);
    }

    public static string[] Cells(SweepStatistics s) =>
    [
        Output.Figures.Percent(s.ReturnPercent), Output.Figures.Signed(s.ProfitLoss),
        s.MaxDrawdownPercent.ToString("0.00", CultureInfo.InvariantCulture) + "%",
        s.WinRatePercent.ToString("0.0", CultureInfo.InvariantCulture) + "%", $"{s.Trades}", Output.Figures.Ratio(s.Sharpe),
    ];

    /// <summary>The metric's figure as its column in <see cref="Cells"/> writes it.</summary>
    public static string Metric(SweepMetric metric, SweepStatistics s) => Cells(s)[SweepMetric.All.IndexOf(metric)];

    public void Write(IAnsiConsole console, string title)
    {
        // the title on a line of its own: as the table's title it would wrap to the table's width
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < Header.Count; i++)
            table.AddColumn(new TableColumn(Markup.Escape(Header[i])) { Alignment = i < LeftColumns ? Justify.Left : Justify.Right });
        foreach (var row in Rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
    }

    public void Write(TextWriter output, string title)
    {
        output.WriteLine($"== {title} ==");
        var widths = Header.Select((h, i) => Math.Max(h.Length, Rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ",
            cells.Select((c, i) => i < LeftColumns ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        output.WriteLine(Line(Header));
        foreach (var row in Rows) output.WriteLine(Line(row));
    }

    public string Markdown()
    {
        var text = new System.Text.StringBuilder();
        text.Append("| ").AppendJoin(" | ", Header).Append(" |\n|");
        for (var i = 0; i < Header.Count; i++) text.Append(i < LeftColumns ? " --- |" : " ---: |");
        text.Append('\n');
        foreach (var row in Rows) text.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        return text.ToString();
    }
}
