using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Gateway.Auth;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Engine.Persistence;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkkaTrading.Gateway;

/// <summary>
/// A running exchange on the network: the live simulation (sources, exchange, built-in bots, remote bots' accounts) and the
/// gateway on Kestrel, in one host. <c>serve</c> runs one until Ctrl+C; tests and benchmarks start one on free loopback ports.
/// </summary>
public sealed class TradingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LedgerStore? _store;

    private TradingServer(WebApplication app, LedgerStore? store, LedgerHealth ledger, IReadOnlyList<string> urls, string grpcUrl)
    {
        _app = app;
        _store = store;
        Urls = urls;
        GrpcUrl = grpcUrl;
        StoreFailed = ledger.Failed;
    }

    /// <summary>Completes, with the reason, if the ledger's store fails while the server runs: nothing can be made durable then.</summary>
    public Task<string> StoreFailed { get; }

    /// <summary>The HTTP API's addresses, with the ports actually bound (a configured port 0 is chosen by the system).</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>The gRPC service's address (HTTP/2 without TLS), with the port actually bound.</summary>
    public string GrpcUrl { get; }

    public IServiceProvider Services => _app.Services;
    public ActorSystem System => Services.GetRequiredService<ActorSystem>();
    public IActorRef Exchange => Services.GetRequiredService<ActorRegistry>().Get<Exchange>();

    /// <param name="services">more services (the console adds its logging)</param>
    /// <param name="akka">more Akka settings, added before the simulation (the console's logging)</param>
    /// <param name="urls">the HTTP API's addresses instead of the configured ones (tests: port 0)</param>
    /// <param name="grpcUrl">the gRPC service's address instead of the configured one</param>
    /// <param name="mode">where prices come from: the configured random-walk sources unless a paced scenario is given</param>
    /// <exception cref="LedgerStoreException">the ledger's store (<c>akka-trading.persistence</c>) cannot be used or read; nothing
    /// in it was changed</exception>
    public static async Task<TradingServer> StartAsync(TradingSettings settings, Akka.Configuration.Config config,
        Action<IServiceCollection>? services = null, Action<AkkaConfigurationBuilder>? akka = null, IReadOnlyList<string>? urls = null,
        string? grpcUrl = null, SimulationMode? mode = null)
    {
        mode ??= new SimulationMode.Live();
        var gateway = settings.Gateway;
        RequireFreePorts([.. urls ?? gateway.Urls, grpcUrl ?? gateway.GrpcUrl]);
        var persistence = settings.Persistence;
        var store = persistence.Provider == LedgerProvider.None ? null : LedgerStore.Open(persistence);
        var ledger = store is null ? ServerLedger.InMemory() : ServerLedger.Persistent(persistence.SnapshotEvery);
        try
        {
            return await StartAsync(settings, config, services, akka, urls, grpcUrl, mode, store, ledger);
        }
        catch
        {
            store?.Dispose();
            throw;
        }
    }

    private static async Task<TradingServer> StartAsync(TradingSettings settings, Akka.Configuration.Config config,
        Action<IServiceCollection>? services, Action<AkkaConfigurationBuilder>? akka, IReadOnlyList<string>? urls, string? grpcUrl,
        SimulationMode mode, LedgerStore? store, ServerLedger ledger)
    {
        var gateway = settings.Gateway;
        ListenOptions? grpc = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = gateway.MaxRequestBytes;
            foreach (var url in urls ?? gateway.Urls) Listen(kestrel, url, HttpProtocols.Http1);
            // HTTP/2 only: without TLS a client cannot negotiate it on an HTTP/1 port (grpc-dotnet#979)
            grpc = Listen(kestrel, grpcUrl ?? gateway.GrpcUrl, HttpProtocols.Http2);
        });
        builder.Services.AddGateway(gateway, mode.Assets(settings), settings.Bots.OfType<RemoteBotSettings>());
        services?.Invoke(builder.Services);
        builder.Services.AddAkka("akka-trading", (configuration, _) =>
        {
            configuration.AddHocon(config, HoconAddMode.Prepend);
            if (store is not null) configuration.AddHocon(store.Hocon(), HoconAddMode.Append);
            akka?.Invoke(configuration);
            configuration.AddGatewayFeed().AddTradingSimulation(settings, mode, serving: true, ledger: ledger);
        });
        var app = builder.Build();
        // Kestrel listens before the ledger is recovered: requests wait until the exchange and the recovered tokens are ready
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Use(async (context, next) =>
        {
            await ready.Task.WaitAsync(context.RequestAborted);
            await next(context);
        });
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20),
            KeepAliveTimeout = TimeSpan.FromSeconds(20) });
        app.MapGateway(() => grpc!.IPEndPoint!.Port);
        await app.StartAsync();
        try
        {
            await ledger.Health.Recovered;
            await AcceptRegisteredTokensAsync(app.Services, settings);
            ready.SetResult();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            await app.StopAsync();
            await app.DisposeAsync();
            throw;
        }
        // Kestrel writes the bound endpoint back into the listen options, so a port 0 reads as the port chosen
        var grpcEndPoint = grpc!.IPEndPoint!;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = bound.Where(a => new Uri(a).Port != grpcEndPoint.Port).ToList();
        return new TradingServer(app, store, ledger.Health, http, $"http://{grpcEndPoint}");
    }

    /// <summary>
    /// The bots that registered before a restart authenticate with their tokens again, and count towards the limit; one that the
    /// configuration now lists as a remote bot trades with the configured token only, so that one account never has two.
    /// </summary>
    private static async Task AcceptRegisteredTokensAsync(IServiceProvider services, TradingSettings settings)
    {
        var registered = await services.GetRequiredService<ExchangeClient>().RegisteredTokensAsync(CancellationToken.None);
        var configured = settings.Bots.OfType<RemoteBotSettings>().Select(b => b.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var tokens = services.GetRequiredService<BotTokens>();
        foreach (var (bot, hash) in registered)
        {
            if (!configured.Contains(bot)) tokens.Accept(hash, bot);
            else services.GetService<ILoggerFactory>()?.CreateLogger<TradingServer>().LogWarning(
                "{Bot} registered while the server ran and is now in gateway.remote-bots: its configured token replaces the one it " +
                "registered with", bot);
        }
        services.GetRequiredService<Registrations>().Recovered(registered.Count);
    }

    /// <summary>
    /// Fails before anything starts when a port is given twice or is taken: otherwise the simulation would start, trade, and stop
    /// again when the web host cannot bind. (A port taken between this check and the binding still fails then.)
    /// </summary>
    /// <exception cref="IOException">naming the URL, with the socket's error inside</exception>
    private static void RequireFreePorts(IReadOnlyList<string> urls)
    {
        var ports = new HashSet<int>();
        foreach (var url in urls)
        {
            var (address, port) = EndPointOf(url);
            if (port == 0) continue; // any free port
            if (!ports.Add(port)) throw new IOException($"port {port} is given twice ({string.Join(", ", urls)})",
                new SocketException((int)SocketError.AddressAlreadyInUse));
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException e)
            {
                throw new IOException($"{url}: {e.Message}", e);
            }
        }
    }

    private static (IPAddress Address, int Port) EndPointOf(string url)
    {
        var uri = new Uri(url);
        return (uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
    }

    private static ListenOptions Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var (address, port) = EndPointOf(url);
        ListenOptions? options = null;
        kestrel.Listen(address, port, o =>
        {
            o.Protocols = protocols;
            options = o;
        });
        return options!;
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store?.Dispose();
    }
}
