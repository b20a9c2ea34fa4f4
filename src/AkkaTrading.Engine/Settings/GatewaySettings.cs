using System.Collections.Immutable;

namespace AkkaTrading.Engine.Settings;

/// <summary>The network edge of <c>serve</c> (<c>akka-trading.gateway</c>).</summary>
/// <param name="Urls">where the HTTP API listens (loopback by default)</param>
/// <param name="GrpcUrl">where the gRPC service listens (HTTP/2 without TLS, a port of its own)</param>
/// <param name="EventLogSize">the events the exchange keeps for clients that resume</param>
/// <param name="PublicReads">whether prices, history and trades may be read without a token</param>
/// <param name="PublicAccounts">whether every bot's cash, positions, equity and P/L are public (the dashboard's leaderboard)</param>
/// <param name="OrdersPerSecond">each token's sustained order rate; bursts up to <paramref name="OrderBurst"/></param>
/// <param name="MaxRequestBytes">the largest request body accepted</param>
/// <param name="QueueSize">events a streaming connection may have waiting before it is closed as too slow</param>
/// <param name="Webhooks">delivery of events to a bot's own HTTP endpoint</param>
public sealed record GatewaySettings(
    ImmutableArray<string> Urls, string GrpcUrl, int EventLogSize, bool PublicReads, int OrdersPerSecond, int OrderBurst,
        int MaxRequestBytes,
    int QueueSize, WebhookSettings Webhooks, RegistrationSettings Registration, bool PublicAccounts);

/// <summary>Whether bots may open an account while the server runs (<c>POST /api/v1/bots</c>), with what cash, and how many.</summary>
public sealed record RegistrationSettings(bool Open, decimal InitialCash, int MaxBots);

/// <param name="AllowAnyHost">deliver to any host; by default only to loopback addresses</param>
/// <param name="Timeout">how long one delivery may take</param>
/// <param name="MaxAttempts">attempts of one delivery (with exponential backoff and jitter) before the endpoint is disabled</param>
public sealed record WebhookSettings(bool AllowAnyHost, TimeSpan Timeout, int MaxAttempts, TimeSpan FirstRetry);
