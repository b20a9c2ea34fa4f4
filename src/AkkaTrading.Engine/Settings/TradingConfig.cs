using Akka.Configuration;
using AkkaTrading.Domain.Inputs;

namespace AkkaTrading.Engine.Settings;

/// <summary>
/// The effective configuration: the built-in defaults (<c>hocon/akka-trading.conf</c>) with an optional
/// user file layered over them. A list given in the user file (such as <c>bots</c>) replaces the default list.
/// </summary>
public sealed record TradingConfig(Config Config, TradingSettings Settings)
{
    public const string DefaultsName = "akka-trading.conf";

    public static string DefaultsText()
    {
        using var stream = typeof(TradingConfig).Assembly.GetManifestResourceStream(DefaultsName)
            ?? throw new InvalidOperationException($"the built-in {DefaultsName} is missing from the Engine assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static TradingConfig Load(string? userFile = null) =>
        FromText(userFile is null ? null : ReadFile(userFile), userFile ?? "");

    /// <summary>Layers <paramref name="userText"/> (named <paramref name="userName"/> in errors) over the defaults.</summary>
    public static TradingConfig FromText(string? userText, string userName = "user configuration")
    {
        var config = Parse(DefaultsText(), DefaultsName);
        if (userText is not null)
        {
            var user = Parse(userText, userName);
            RequireOnlyKnownSections(user, userName);
            RequireLocalProvider(user, userName);
            config = user.WithFallback(config);
        }
        try
        {
            return new TradingConfig(config, TradingSettingsReader.Read(HoconSection.Root(config)));
        }
        catch (SettingsException e) when (userText is not null)
        {
            throw new SettingsException($"{userName}: {e.Message}");
        }
    }

    public static Config Parse(string text, string name)
    {
        HoconSyntax.Check(text, name);
        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or ConfigurationException)
        {
            // Akka's messages may quote the input: shown as an excerpt like every other reader's.
            throw new SettingsException($"{name}: not valid HOCON: {Excerpt.Of(e.Message.Trim(), 120)}");
        }
    }

    /// <param name="what">the file's role, for the message: "cannot read <paramref name="what"/> '…'"</param>
    public static string ReadFile(string path, string what = "the configuration file")
    {
        try
        {
            return InputFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SettingsException($"cannot read {what} '{path}': {e.Message}");
        }
    }

    /// <summary>The app runs one local actor system: another provider (cluster, remote) cannot even start without its setup.</summary>
    private static void RequireLocalProvider(Config user, string name)
    {
        var root = HoconSection.Root(user);
        try
        {
            if (!root.Has("akka")) return;
            var akka = root.Section("akka");
            if (!akka.Has("actor")) return;
            var actor = akka.Section("actor");
            if (actor.Has("provider") && actor.String("provider") != "local")
                throw actor.Error("provider",
                    $"must be local (this application runs one local actor system), not '{Excerpt.Of(actor.String("provider"))}'");
        }
        catch (SettingsException e)
        {
            throw new SettingsException($"{name}: {e.Message}");
        }
    }

    private static void RequireOnlyKnownSections(Config user, string name)
    {
        foreach (var key in HoconSection.Root(user).Keys)
            if (key is not (TradingSettingsReader.RootKey or "akka"))
                throw new SettingsException($"{name}: '{Excerpt.Of(key)}' is not a known setting (known at the top: " +
                    $"{TradingSettingsReader.RootKey}, akka)");
    }
}
