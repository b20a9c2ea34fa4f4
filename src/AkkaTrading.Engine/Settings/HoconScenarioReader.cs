using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Engine.Settings;

/// <summary>A HOCON scenario file: scripted prices (<c>scenario { ... }</c>) or market-data files (<c>data { ... }</c>).</summary>
public static class HoconScenarioReader
{
    /// <returns>exactly one of the two, by the file's top-level key</returns>
    public static (ScriptedScenario? Scripted, MarketDataScenario? Data) Read(string path)
    {
        try
        {
            var root = HoconSection.Root(TradingConfig.Parse(TradingConfig.ReadFile(path), path));
            if (!root.Has("data")) return (ScriptedScenarioReader.FromRoot(root), null);
            root.AllowOnly("data");
            return (null, MarketDataScenarioReader.Read(root.Section("data"), Path.GetDirectoryName(path) ?? ""));
        }
        catch (SettingsException e)
        {
            throw new ScenarioException(path, null,
                e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message);
        }
    }
}
