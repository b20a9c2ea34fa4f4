using Akka.Configuration;

namespace AkkaTrading.Engine.Settings;

public static class Durations
{
    /// <summary>The longest duration accepted: a month of live running, well inside what timers can wait (49 days).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    /// <summary>What a valid duration looks like, for error messages.</summary>
    public const string Rule = "a duration longer than zero and at most 30d, such as 200ms, 30s or 2m";

    /// <summary>Parses a HOCON duration such as <c>200ms</c>, <c>30s</c> or <c>2m</c>; false unless in (0, <see cref="Max"/>].</summary>
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
        return value > TimeSpan.Zero && value <= Max;
    }
}
