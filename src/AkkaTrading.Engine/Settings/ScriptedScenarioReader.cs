using AkkaTrading.Domain.Prices;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Engine.Settings;

/// <summary>
/// Reads a scripted scenario from HOCON:
/// <code>
/// scenario {
///   description = "..."
///   assets = [
///     { asset = ALFA, start = 100, noise { percent = 0.5, seed = 7 },
///       segments = [ { hold = 10 }, { to = 90, steps = 10 }, { jump = 70 } ] }
///   ]
/// }
/// </code>
/// </summary>
public static class ScriptedScenarioReader
{
    public static ScriptedScenario FromText(string text, string name) => FromRoot(HoconSection.Root(TradingConfig.Parse(text, name)));

    public static ScriptedScenario FromRoot(HoconSection root)
    {
        root.AllowOnly("scenario");
        var scenario = root.Section("scenario");
        scenario.AllowOnly("description", "assets");
        var description = scenario.Has("description") ? scenario.String("description") : "";
        var assets = scenario.Sections("assets").Select(ReadAsset).ToArray();
        if (assets.Length == 0) throw scenario.Error("assets", "must list at least one asset");
        var duplicate = assets.GroupBy(a => a.Asset).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw scenario.Error("assets", $"has asset '{duplicate.Key}' twice");
        return new ScriptedScenario(description, assets);
    }

    private static ScriptedAsset ReadAsset(HoconSection a)
    {
        a.AllowOnly("asset", "start", "segments", "noise");
        Noise? noise = null;
        if (a.Has("noise"))
        {
            var n = a.Section("noise");
            n.AllowOnly("percent", "seed");
            noise = new Noise(n.Decimal("percent", 0m, 50m), n.Int("seed"));
        }
        var asset = new ScriptedAsset(a.Name("asset"), Price(a, "start"), a.Sections("segments").Select(ReadSegment).ToArray(), noise);
        if (asset.StepCount > ScriptedScenario.MaxSteps)
            throw a.Error("segments", $"add up to {asset.StepCount} steps; at most {ScriptedScenario.MaxSteps} per asset");
        return asset;
    }

    private static Segment ReadSegment(HoconSection s)
    {
        if (s.Has("hold"))
        {
            s.AllowOnly("hold");
            return new Segment.Hold(Steps(s, "hold"));
        }
        if (s.Has("jump"))
        {
            s.AllowOnly("jump");
            return new Segment.Jump(Price(s, "jump"));
        }
        if (s.Has("to"))
        {
            s.AllowOnly("to", "steps");
            return new Segment.Linear(Price(s, "to"), Steps(s, "steps"));
        }
        throw new SettingsException($"'{s.Path}' must be one of {{ hold = N }}, {{ to = PRICE, steps = N }} or {{ jump = PRICE }}");
    }

    private static decimal Price(HoconSection s, string key) => s.Decimal(key, 0m, Cents.MaxPrice, exclusiveMin: true);

    private static int Steps(HoconSection s, string key) => s.Int(key, 1, (int)ScriptedScenario.MaxSteps);
}
