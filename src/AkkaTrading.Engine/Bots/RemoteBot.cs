using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Bots;

/// <summary>
/// A bot that trades from outside over the network: it authenticates with <see cref="Token"/> and the exchange acts
/// on <see cref="BotSettings.Name"/> only. <see cref="ApiKey"/> and <see cref="ApiSecret"/> are its credentials in the BitMEX dialect.
/// </summary>
public sealed record RemoteBotSettings(string Name, string Token, decimal InitialCash, string? ApiKey, string? ApiSecret)
    : BotSettings(Name, InitialCash)
{
    public override BotKind Kind => RemoteBotKind.Instance;

    // the token is a secret: it stays out of logs and test output
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Name = {Name}, InitialCash = {InitialCash}, ApiKey = {ApiKey}");
        return true;
    }
}

/// <summary>
/// Bots listed in <c>akka-trading.gateway.remote-bots</c>: their decisions come over the network, so they exist only in
/// <c>serve</c>, where the gateway authenticates them; starting one is its account being open.
/// </summary>
public sealed class RemoteBotKind : BotKind<RemoteBotSettings>
{
    public static readonly RemoteBotKind Instance = new();

    /// <summary>The shortest token accepted: a secret nobody can guess.</summary>
    public const int MinTokenLength = 16;

    private RemoteBotKind() { }

    public override string Name => "remote";

    public override bool NeedsGateway => true;

    public override string ListKey => "gateway.remote-bots";

    protected override void CheckTogether(IReadOnlyList<RemoteBotSettings> bots, HoconSection parent, string list)
    {
        if (bots.Select(b => b.Token).Distinct(StringComparer.Ordinal).Count() != bots.Count)
            throw parent.Error(list, "gives two bots the same token");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in bots.Select(b => b.ApiKey).OfType<string>())
            if (!keys.Add(key)) throw parent.Error(list, $"has the api-key '{key}' twice");
    }

    protected override void Start(RemoteBotSettings bot, BotStarting starting) { }

    protected override RemoteBotSettings Read(HoconSection bot, BotReading reading)
    {
        bot.AllowOnly("name", "token", "token-env", "initial-cash", "api-key", "api-secret");
        string token;
        if (bot.Has("token") == bot.Has("token-env")) throw bot.Error("token", "or 'token-env' must be given, one of them");
        if (bot.Has("token")) token = bot.String("token");
        else
        {
            var variable = bot.String("token-env");
            token = reading.Environment(variable) is { Length: > 0 } value ? value
                : throw bot.Error("token-env", $"names the environment variable '{variable}', which is not set");
        }
        if (token.Length < MinTokenLength)
            throw bot.Error("token", $"must be at least {MinTokenLength} characters long (a secret nobody can guess)");
        if (bot.Has("api-key") != bot.Has("api-secret")) throw bot.Error("api-key", "and 'api-secret' go together");
        return new RemoteBotSettings(bot.Name("name"), token, bot.Decimal("initial-cash", 0m, TradingSettingsReader.MaxCash),
            bot.Has("api-key") ? bot.String("api-key") : null, bot.Has("api-secret") ? bot.String("api-secret") : null);
    }
}
