using System.Collections.Immutable;
using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using AkkaTrading.Domain.Inputs;
using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Engine.Settings;

/// <summary>
/// One HOCON object read strictly: every value is checked for presence, type and range, unknown keys are
/// refused, and every error names the full key (e.g. <c>akka-trading.bots[1].initial-cash</c>).
/// </summary>
public sealed class HoconSection
{
    private readonly IReadOnlyDictionary<string, HoconValue> _items;

    private HoconSection(string path, IReadOnlyDictionary<string, HoconValue> items)
    {
        Path = path;
        _items = items;
    }

    public string Path { get; }

    public static HoconSection Root(Config config) => new("", config.Root.GetObject().Items);

    public IEnumerable<string> Keys => _items.Keys;

    public bool Has(string key) => _items.ContainsKey(key);

    /// <summary>Whether the key holds exactly this single value (a keyword such as <c>all</c> where a list may stand).</summary>
    public bool HasText(string key, string text) =>
        _items.TryGetValue(key, out var value) && value.IsString() && value.GetString().Trim() == text;

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public SettingsException Error(string key, string problem) => new($"'{Excerpt.Of(KeyPath(key))}' {problem}");

    /// <summary>This section with <paramref name="overrides"/>' values taking precedence.</summary>
    public HoconSection OverlaidWith(HoconSection overrides)
    {
        var merged = new Dictionary<string, HoconValue>(_items);
        foreach (var (key, value) in overrides._items) merged[key] = value;
        return new HoconSection(overrides.Path, merged);
    }

    public void AllowOnly(params string[] keys)
    {
        foreach (var key in _items.Keys)
            if (!keys.Contains(key))
                throw Error(key, $"is not a known setting (known here: {string.Join(", ", keys)})");
    }

    public HoconSection Section(string key)
    {
        var value = Value(key);
        if (!value.IsObject()) throw Error(key, "must be an object { ... }");
        return new HoconSection(KeyPath(key), value.GetObject().Items);
    }

    public IReadOnlyList<HoconSection> Sections(string key)
    {
        var items = Array(key);
        var sections = new List<HoconSection>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].IsObject()) throw Error($"{key}[{i}]", "must be an object { ... }");
            sections.Add(new HoconSection($"{KeyPath(key)}[{i}]", items[i].GetObject().Items));
        }
        return sections;
    }

    /// <summary>A text that may be empty (or missing: empty).</summary>
    public string OptionalString(string key) => Has(key) ? Scalar(key) : "";

    public string String(string key)
    {
        var text = Scalar(key);
        if (text.Length == 0) throw Error(key, "must not be empty");
        return text;
    }

    /// <summary>A name of a bot or an asset: letters, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public string Name(string key)
    {
        var text = String(key);
        if (!Domain.Trading.Names.IsValid(text)) throw Error(key,
            $"must be a name of {Domain.Trading.Names.Rule}, not '{Excerpt.Of(text)}'");
        return text;
    }

    public ImmutableArray<string> Names(string key)
    {
        var items = Array(key);
        var result = ImmutableArray.CreateBuilder<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].IsString() ? items[i].GetString().Trim() : "";
            if (!Domain.Trading.Names.IsValid(text)) throw Error($"{key}[{i}]",
                $"must be a name of {Domain.Trading.Names.Rule}, not '{Excerpt.Of(text)}'");
            result.Add(text);
        }
        return result.MoveToImmutable();
    }

    public decimal Decimal(string key, decimal min = decimal.MinValue, decimal max = decimal.MaxValue, bool exclusiveMin = false)
    {
        var text = Scalar(key);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw Error(key, $"must be a number, not '{Excerpt.Of(text)}'");
        if (exclusiveMin ? value <= min : value < min) throw Error(key,
            $"must be {(exclusiveMin ? ">" : "≥")} {min}, not {Excerpt.Of(text)}");
        if (value > max) throw Error(key, $"must be ≤ {max}, not {Excerpt.Of(text)}");
        return value;
    }

    public int Int(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Scalar(key);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error(key, $"must be a whole number, not '{Excerpt.Of(text)}'");
        if (value < min) throw Error(key, $"must be ≥ {min}, not {Excerpt.Of(text)}");
        if (value > max) throw Error(key, $"must be ≤ {max}, not {Excerpt.Of(text)}");
        return value;
    }

    /// <summary>A whole, positive quantity such as <c>10</c>, at most a billion.</summary>
    public decimal Quantity(string key)
    {
        var value = Decimal(key);
        if (value < 1m || value > 1_000_000_000m || decimal.Truncate(value) != value) throw Error(key,
            $"must be a whole number from 1 to 1000000000, not {Excerpt.Of(Scalar(key))}");
        return value;
    }

    /// <summary>A duration such as <c>200ms</c>, <c>30s</c> or <c>2m</c>, greater than zero and at most
    /// <see cref="Durations.Max"/>.</summary>
    public TimeSpan Duration(string key)
    {
        var text = Scalar(key);
        return Durations.TryParse(text, out var value) ? value : throw Error(key, $"must be {Durations.Rule}, not '{Excerpt.Of(text)}'");
    }

    /// <summary>A list of non-empty strings, such as URLs.</summary>
    public ImmutableArray<string> Strings(string key)
    {
        var items = Array(key);
        var result = ImmutableArray.CreateBuilder<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].IsString() ? items[i].GetString().Trim() : "";
            if (text.Length == 0) throw new SettingsException($"'{KeyPath(key)}[{i}]' must be a non-empty string");
            result.Add(text);
        }
        return result.MoveToImmutable();
    }

    /// <summary>Whether the key holds a list (rather than an object or a single value).</summary>
    public bool IsList(string key) => _items.TryGetValue(key, out var value) && (value.IsArray() || value.Values is [HoconArray, ..]);

    /// <summary>A non-empty list of numbers, each error naming its place (<c>key[2]</c>).</summary>
    public ImmutableArray<decimal> Decimals(string key)
    {
        var items = Array(key);
        if (items.Count == 0) throw Error(key, "must list at least one value");
        var result = ImmutableArray.CreateBuilder<decimal>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].IsString() ? items[i].GetString().Trim() : "";
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw Error($"{key}[{i}]", $"must be a number, not '{Excerpt.Of(text)}'");
            result.Add(value);
        }
        return result.MoveToImmutable();
    }

    /// <summary>The key's single value as written (a number or a name), for writing it back into a configuration.</summary>
    public string ScalarText(string key) => Scalar(key);

    public bool Bool(string key) => Scalar(key) switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        var text => throw Error(key, $"must be true or false, not '{text}'"),
    };

    private HoconValue Value(string key)
    {
        if (!_items.TryGetValue(key, out var value) || value.IsEmpty) throw Error(key, "is missing");
        return value;
    }

    private string Scalar(string key)
    {
        var value = Value(key);
        if (!value.IsString()) throw Error(key, "must be a single value, not an object or a list");
        return value.GetString().Trim();
    }

    private IList<HoconValue> Array(string key)
    {
        var value = Value(key);
        // Akka's parser reads "[]" and "[ ]" as a list holding one empty value (plus trailing blanks): an empty list.
        if (value.Values is [HoconArray items, .. var rest] && rest.All(e => !e.IsArray() && string.IsNullOrWhiteSpace(e.GetString())))
            return items.Where(item => !item.IsEmpty).ToList();
        if (!value.IsArray()) throw Error(key, "must be a list [ ... ]");
        return value.GetArray();
    }
}
