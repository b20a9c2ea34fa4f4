using Akka.Configuration;

namespace AkkaTrading.Engine.Settings;

public static class Durations
{
    /// <summary>Parses a HOCON duration such as <c>200ms</c>, <c>30s</c> or <c>2m</c>; false unless longer than zero.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.IndexOfAny(['\n', '{', '}', '[', ']', '=', '#', '"']) >= 0) return false;
        try
        {
            value = ConfigurationFactory.ParseString($"d = {text}").GetTimeSpan("d", null, allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
        return value > TimeSpan.Zero;
    }
}
