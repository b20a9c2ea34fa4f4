using System.Collections.Immutable;

namespace AkkaTrading.Engine.Settings;

/// <summary>Reads and validates <c>akka-trading.gateway</c> (schema: README, "Configuration reference"); its remote bots are
/// read with the other bots.</summary>
public static class GatewaySettingsReader
{
    public static GatewaySettings Read(HoconSection section)
    {
        section.AllowOnly("urls", "grpc-url", "event-log-size", "public-reads", "public-accounts", "orders-per-second", "order-burst",
            "max-request-bytes", "queue-size", "webhooks", "remote-bots", "registration"); // remote-bots: RemoteBotKind
        var urls = section.Strings("urls");
        if (urls.IsEmpty) throw section.Error("urls", "must list at least one URL such as \"http://127.0.0.1:5080\"");
        for (var i = 0; i < urls.Length; i++) RequireHttpUrl(section, $"urls[{i}]", urls[i]);
        var grpcUrl = section.String("grpc-url");
        RequireHttpUrl(section, "grpc-url", grpcUrl);

        var hooks = section.Section("webhooks");
        hooks.AllowOnly("allow-any-host", "timeout", "max-attempts", "first-retry");
        var webhooks = new WebhookSettings(hooks.Bool("allow-any-host"), hooks.Duration("timeout"), hooks.Int("max-attempts", 1, 100),
            hooks.Duration("first-retry"));

        var registration = section.Section("registration");
        registration.AllowOnly("open", "initial-cash", "max-bots");
        var registrationSettings = new RegistrationSettings(registration.Bool("open"),
            registration.Decimal("initial-cash", 0m, TradingSettingsReader.MaxCash),
            registration.Int("max-bots", 0, 100_000));

        return new GatewaySettings(urls, grpcUrl, section.Int("event-log-size", 1, 10_000_000), section.Bool("public-reads"),
            section.Int("orders-per-second", 1, 1_000_000), section.Int("order-burst", 1, 1_000_000),
                section.Int("max-request-bytes", 1024, 16 << 20),
            section.Int("queue-size", 16, 1_000_000), webhooks, registrationSettings, section.Bool("public-accounts"));
    }

    private static void RequireHttpUrl(HoconSection section, string key, string url)
    {
        if (UrlProblem(url) is { } problem) throw section.Error(key, problem);
    }

    /// <summary>Why <paramref name="url"/> cannot be listened on, or null: an http:// URL with an IP address or localhost and a
    /// port.</summary>
    public static string? UrlProblem(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsDefaultPort
            && uri.AbsolutePath == "/"
            && (uri.Host == "localhost" || System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
            ? null
            : $"must be an http:// URL with an IP address (or localhost) and a port, such as \"http://127.0.0.1:5080\", not '{url}'";

}
