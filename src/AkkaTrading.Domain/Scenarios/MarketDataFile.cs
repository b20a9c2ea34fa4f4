using System.Globalization;
using AkkaTrading.Domain.Inputs;

namespace AkkaTrading.Domain.Scenarios;

/// <summary>One row of a market-data file: when, and at what price.</summary>
public readonly record struct Bar(DateTime Time, decimal Price);

/// <summary>
/// Streams one asset's market-data CSV row by row, never loading it whole. Timestamps must increase; a row whose price
/// is <c>null</c> (Yahoo writes such rows for days without trading) is skipped and reported; every other mistake is a
/// <see cref="ScenarioException"/> naming the file and line.
/// </summary>
public static class MarketDataFile
{
    /// <summary>A row is a few dozen characters; a file without newlines must not fill memory.</summary>
    public const int MaxLineChars = CsvScenario.MaxLineChars;

    /// <param name="skipped">told the line of every row skipped for a <c>null</c> price</param>
    public static IEnumerable<Bar> Read(MarketDataAsset asset, Action<int>? skipped = null)
    {
        var reader = ScenarioException.OpenText(asset.File, "the market data");
        return Read(reader, asset.File, asset.Format, skipped);
    }

    public static IEnumerable<Bar> Read(TextReader reader, string name, MarketDataFormat format, Action<int>? skipped = null)
    {
        using var lines = new LineReader(reader, MaxLineChars);
        var header = lines.ReadLine(out var tooLong);
        if (header is null) throw new ScenarioException(name, 1, $"the file is empty; expected a header naming the columns " +
            $"'{format.TimeColumn}' and '{format.PriceColumn}'");
        if (tooLong) throw new ScenarioException(name, 1, $"the header is longer than {MaxLineChars} characters");
        var columns = header.TrimStart('\uFEFF').Split(',').Select(c => Unquote(c.AsSpan()).ToString()).ToArray();
        var timeAt = Column(format.TimeColumn);
        var priceAt = Column(format.PriceColumn);
        var needed = Math.Max(timeAt, priceAt) + 1;

        var lineNo = 1;
        var bars = 0L;
        DateTime? previous = null;
        string? line;
        while ((line = lines.ReadLine(out tooLong)) is not null)
        {
            lineNo++;
            if (tooLong) throw new ScenarioException(name, lineNo,
                $"the line is longer than {MaxLineChars} characters: '{Excerpt.Of(line)}'");
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (timeText, priceText) = Cells(line, timeAt, priceAt, needed, name, lineNo);
            if (!format.TryParseTime(timeText, out var time))
                throw new ScenarioException(name, lineNo, $"timestamp '{Excerpt.Of(timeText)}' is not {format.TimeRule}");
            if (priceText.Equals("null", StringComparison.OrdinalIgnoreCase))
            {
                skipped?.Invoke(lineNo);
                continue;
            }
            if (time <= previous)
                throw new ScenarioException(name, lineNo, $"timestamp '{Excerpt.Of(timeText)}' " +
                    (time == previous ? "repeats the one before it" : "comes before the one above it") + "; timestamps must increase");
            previous = time;
            bars++;
            yield return new Bar(time, Price(priceText, name, lineNo));
        }
        if (bars == 0) throw new ScenarioException(name, null, "the file holds no prices");

        int Column(string wanted)
        {
            var at = Array.FindIndex(columns, c => c.Equals(wanted, StringComparison.OrdinalIgnoreCase));
            return at >= 0 ? at : throw new ScenarioException(name, 1,
                $"there is no column '{Excerpt.Of(wanted)}'; the header has: {Excerpt.Of(string.Join(", ", columns), 200)}");
        }
    }

    private static (string Time, string Price) Cells(string line, int timeAt, int priceAt, int needed, string name, int lineNo)
    {
        string? time = null, price = null;
        var rest = line.AsSpan();
        for (var i = 0; i < needed; i++)
        {
            var end = rest.IndexOf(',');
            var cell = Unquote(end < 0 ? rest : rest[..end]);
            if (i == timeAt) time = cell.ToString();
            if (i == priceAt) price = cell.ToString();
            if (end < 0)
            {
                if (i < needed - 1)
                    throw new ScenarioException(name, lineNo, $"expected at least {needed} fields but found {i + 1}: '{Excerpt.Of(line)}'");
                break;
            }
            rest = rest[(end + 1)..];
        }
        return (time!, price!);
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        return cell is ['"', .. var inner, '"'] ? inner : cell;
    }

    private static decimal Price(string text, string name, int lineNo)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var price))
            throw new ScenarioException(name, lineNo, $"price '{Excerpt.Of(text)}' is not a decimal number (use '.' as the separator)");
        if (price <= 0m) throw new ScenarioException(name, lineNo, $"price {Excerpt.Of(text)} is not positive");
        if (price > Prices.Cents.MaxPrice) throw new ScenarioException(name, lineNo,
            $"price {Excerpt.Of(text)} is above the largest price supported ({Prices.Cents.MaxPrice})");
        return price;
    }
}
