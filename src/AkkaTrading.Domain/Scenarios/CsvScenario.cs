using System.Globalization;
using System.Runtime.InteropServices;
using AkkaTrading.Domain.Inputs;

namespace AkkaTrading.Domain.Scenarios;

/// <summary>
/// Streams a scenario CSV (<c>step,asset,price</c>) step by step without loading it whole. Rows of a
/// step are delivered in the order the assets first appear in the file.
/// </summary>
public static class CsvScenario
{
    public const string Header = "step,asset,price";

    /// <summary>The longest line read: a row is a few dozen characters, and a file without newlines must not fill memory.</summary>
    public const int MaxLineChars = 4096;

    public static IEnumerable<ScenarioStep> Read(string path)
    {
        return Read(ScenarioException.OpenText(path, "the scenario"), path);
    }

    public static IEnumerable<ScenarioStep> Read(TextReader reader, string name)
    {
        using var lines = new LineReader(reader, MaxLineChars);
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new List<(int Order, AssetPrice Price)>();
        long currentStep = -1;
        var lineNo = 1;

        var header = lines.ReadLine(out var tooLong);
        if (header is null) throw new ScenarioException(name, 1, $"the file is empty; expected the header '{Header}'");
        if (tooLong || header.Trim().TrimStart('\uFEFF') != Header)
            throw new ScenarioException(name, 1, $"expected the header '{Header}' but found '{Excerpt.Of(header.Trim())}'");

        string? line;
        while ((line = lines.ReadLine(out tooLong)) is not null)
        {
            lineNo++;
            if (tooLong) throw new ScenarioException(name, lineNo,
                $"the line is longer than {MaxLineChars} characters: '{Excerpt.Of(line)}'");
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line)) continue;
            var (step, asset, price) = ParseRow(line, name, lineNo, order);
            if (step < currentStep)
                throw new ScenarioException(name, lineNo, $"step {step} comes after step {currentStep}; steps must not decrease");
            if (step != currentStep && pending.Count > 0)
            {
                yield return Flush(currentStep, pending);
                pending.Clear();
            }
            currentStep = step;
            var rank = order[asset];
            foreach (var p in pending)
                if (p.Order == rank) throw new ScenarioException(name, lineNo, $"asset {asset} has a second price in step {step}");
            pending.Add((rank, new AssetPrice(asset, price)));
        }
        if (pending.Count > 0) yield return Flush(currentStep, pending);
        else throw new ScenarioException(name, null, "the scenario holds no prices");
    }

    private static (long Step, string Asset, decimal Price) ParseRow(string line, string name, int lineNo, Dictionary<string, int> order)
    {
        var span = line.AsSpan().TrimEnd();
        var first = span.IndexOf(',');
        var second = first < 0 ? -1 : span[(first + 1)..].IndexOf(',');
        if (first < 0 || second < 0 || span[(first + second + 2)..].Contains(','))
            throw new ScenarioException(name, lineNo, $"expected 3 fields 'step,asset,price' but found '{Excerpt.Of(line)}'");
        var stepText = span[..first].Trim();
        var assetText = span.Slice(first + 1, second).Trim();
        var priceText = span[(first + second + 2)..].Trim();

        if (!long.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            throw new ScenarioException(name, lineNo, $"step '{Excerpt.Of(stepText)}' is not a whole number ≥ 0");
        if (!Trading.Names.IsValid(assetText.ToString()))
            throw new ScenarioException(name, lineNo, $"asset '{Excerpt.Of(assetText)}' is not a name of {Trading.Names.Rule}");
        if (!decimal.TryParse(priceText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var price))
            throw new ScenarioException(name, lineNo,
                $"price '{Excerpt.Of(priceText)}' is not a decimal number (use '.' as the separator)");
        if (price <= 0m)
            throw new ScenarioException(name, lineNo, $"price {Excerpt.Of(priceText)} is not positive");
        if (price > Prices.Cents.MaxPrice)
            throw new ScenarioException(name, lineNo,
                $"price {Excerpt.Of(priceText)} is above the largest price supported ({Prices.Cents.MaxPrice})");

        var asset = Intern(assetText, order);
        return (step, asset, price);
    }

    private static string Intern(ReadOnlySpan<char> asset, Dictionary<string, int> order)
    {
        var lookup = order.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(asset, out var existing, out _)) return existing;
        var name = asset.ToString();
        order.Add(name, order.Count);
        return name;
    }

    private static ScenarioStep Flush(long step, List<(int Order, AssetPrice Price)> pending)
    {
        if (pending.Count > 1) pending.Sort((a, b) => a.Order.CompareTo(b.Order));
        var prices = new AssetPrice[pending.Count];
        for (var i = 0; i < prices.Length; i++) prices[i] = pending[i].Price;
        return new ScenarioStep(step, ImmutableCollectionsMarshal.AsImmutableArray(prices));
    }
}
