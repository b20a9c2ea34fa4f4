using AkkaTrading.Domain.Inputs;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Engine.Settings;

/// <summary>
/// Reads a market-data scenario from HOCON; relative file paths are taken from the scenario file's folder:
/// <code>
/// data {
///   description = "..."
///   assets = [
///     { asset = ORCL, file = orcl.csv, format = yahoo, price = adj-close }
///     { asset = BTC, file = btc.csv, format = generic, time-column = timestamp, price-column = last, epoch = ms }
///   ]
/// }
/// </code>
/// </summary>
public static class MarketDataScenarioReader
{
    public static readonly IReadOnlyDictionary<string, EpochUnit> EpochUnits = new Dictionary<string, EpochUnit>(StringComparer.Ordinal)
    {
        ["s"] = EpochUnit.Seconds, ["ms"] = EpochUnit.Milliseconds, ["us"] = EpochUnit.Microseconds, ["ns"] = EpochUnit.Nanoseconds,
    };

    public static MarketDataScenario Read(HoconSection data, string folder)
    {
        data.AllowOnly("description", "assets");
        if (data.Has("description")) data.String("description");
        var assets = data.Sections("assets").Select(a => ReadAsset(a, folder)).ToArray();
        if (assets.Length == 0) throw data.Error("assets", "must list at least one asset");
        var duplicate = assets.GroupBy(a => a.Asset).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw data.Error("assets", $"has asset '{duplicate.Key}' twice");
        return new MarketDataScenario(assets);
    }

    private static MarketDataAsset ReadAsset(HoconSection a, string folder)
    {
        var format = a.Has("format") ? a.String("format") : "yahoo";
        var asset = a.Name("asset");
        var file = a.String("file");
        return new MarketDataAsset(asset, Path.IsPathRooted(file) ? file : Path.Combine(folder, file), format switch
        {
            "yahoo" => Yahoo(a),
            "generic" => Generic(a),
            _ => throw a.Error("format", $"must be yahoo or generic, not '{Excerpt.Of(format)}'"),
        });
    }

    private static MarketDataFormat Yahoo(HoconSection a)
    {
        a.AllowOnly("asset", "file", "format", "price");
        var price = a.Has("price") ? a.String("price") : "close";
        return MarketDataFormat.YahooPrices.TryGetValue(price, out var column) ? MarketDataFormat.Yahoo(column)
            : throw a.Error("price", $"must be one of {string.Join(", ", MarketDataFormat.YahooPrices.Keys)}, not '{Excerpt.Of(price)}'");
    }

    private static MarketDataFormat Generic(HoconSection a)
    {
        a.AllowOnly("asset", "file", "format", "time-column", "price-column", "date-format", "epoch");
        if (a.Has("date-format") && a.Has("epoch"))
            throw a.Error("epoch", "cannot be given with 'date-format': a timestamp is one or the other");
        EpochUnit? epoch = null;
        if (a.Has("epoch"))
        {
            var unit = a.String("epoch");
            epoch = EpochUnits.TryGetValue(unit, out var known) ? known
                : throw a.Error("epoch", $"must be one of {string.Join(", ", EpochUnits.Keys)}, not '{Excerpt.Of(unit)}'");
        }
        if (a.Has("date-format") && a.String("date-format") is var dateFormat && !MarketDataFormat.IsValidDateFormat(dateFormat))
            throw a.Error("date-format", $"is not a .NET date format such as \"yyyy-MM-dd HH:mm\": '{Excerpt.Of(dateFormat)}'");
        var defaults = MarketDataFormat.Generic;
        return new MarketDataFormat(a.Has("time-column") ? a.String("time-column") : defaults.TimeColumn,
            a.Has("price-column") ? a.String("price-column") : defaults.PriceColumn,
            a.Has("date-format") ? a.String("date-format") : null, epoch);
    }
}
