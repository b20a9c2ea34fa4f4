using System.Globalization;
using System.Text;

namespace AkkaTrading.Domain.Tests;

/// <summary>Market-data files the tests write themselves (no third-party data ships with the tests), in a folder removed after.</summary>
public sealed class MarketDataFiles : IDisposable
{
    public const string YahooHeader = "Date,Open,High,Low,Close,Adj Close,Volume";

    public string Dir { get; } = Directory.CreateTempSubdirectory("akka-trading-data-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A Yahoo download: one row per date with the close given and the other columns derived from it.</summary>
    public string Yahoo(string name, params (string Date, decimal? Close)[] rows)
    {
        var text = new StringBuilder(YahooHeader).Append('\n');
        foreach (var (date, close) in rows)
            text.Append(close is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{date},{c + 1},{c + 2},{c - 1},{c},{c - 0.5m},1000\n")
                : $"{date},null,null,null,null,null,null\n");
        return Write(name, text.ToString());
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
