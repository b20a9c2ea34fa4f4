using Akka.Actor;
using Akka.Hosting;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Auth;
using AkkaTrading.Gateway.Bitmex;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Grpc;
using AkkaTrading.Gateway.Webhooks;
using AkkaTrading.Gateway.Wire;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AkkaTrading.Gateway;

/// <summary>Wires the gateway into a web application: its services, its feed from the exchange's events, its endpoints under
/// <c>/api/v1</c>.</summary>
public static class GatewayHosting
{
    public const string ApiRoot = "/api/v1";

    /// <param name="assets">the assets the exchange trades, in its order</param>
    /// <param name="remoteBots">the bots that authenticate with a token from the configuration</param>
    public static IServiceCollection AddGateway(this IServiceCollection services, GatewaySettings settings, IReadOnlyList<string> assets,
        IEnumerable<RemoteBotSettings> remoteBots)
    {
        remoteBots = remoteBots.ToList();
        var hub = new EventHub(settings.QueueSize);
        services.AddSingleton(settings);
        services.AddSingleton(hub);
        services.AddSingleton(new BotTokens(remoteBots));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new OrderRateLimiter(settings.OrdersPerSecond, settings.OrderBurst,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Callers>();
        services.AddSingleton(sp => new ExchangeClient(sp.GetRequiredService<ActorRegistry>().Get<Exchange>(), hub, assets));
        services.AddSingleton<OrderDesk>();
        services.AddSingleton<Registrations>();
        services.AddSingleton(sp =>
            new WebhookDelivery(settings.Webhooks, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ExchangeClient>));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<WebhookRegistry>(sp, settings.Webhooks));
        services.AddHostedService(sp => sp.GetRequiredService<WebhookRegistry>());
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<GrpcErrors>();
            // refused by gRPC itself (RESOURCE_EXHAUSTED) from the message's length prefix, before Kestrel's body limit fails the call
            grpc.MaxReceiveMessageSize = settings.MaxRequestBytes - 5;
        });
        // a query value that does not bind (after=abc) is answered like every other mistake: JSON naming the parameter
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddBitmexDialect(remoteBots, settings.PublicReads);
        return services;
    }

    /// <summary>Starts the feed of the exchange's events into the gateway; add it before the simulation so it sees the first
    /// event.</summary>
    public static AkkaConfigurationBuilder AddGatewayFeed(this AkkaConfigurationBuilder akka) =>
        akka.WithActors((system, _, resolver) =>
        {
            var feeder = system.ActorOf(EventHubFeeder.Props(resolver.GetService<EventHub>()), "gateway-event-feeder");
            system.EventStream.Subscribe(feeder, typeof(Domain.Events.ExchangeEvent)); // before any event is published
        });

    /// <param name="grpcPort">the gRPC endpoint's bound port, asked per request (a port 0 is known only once bound)</param>
    public static WebApplication MapGateway(this WebApplication app, Func<int>? grpcPort = null)
    {
        if (grpcPort is not null) app.Use((context, next) => OnItsOwnPort(context, next, grpcPort()));
        app.Use(AnswerErrors);
        app.Use(EndStreamsOnStop);
        var api = app.MapGroup(ApiRoot);
        RestEndpoints.Map(api);
        OverviewEndpoints.Map(api);
        StreamEndpoints.Map(api);
        WebhookEndpoints.Map(api);
        RegistrationEndpoints.Map(api);
        WebSocketEndpoints.Map(api);
        app.MapBitmexDialect();
        DashboardEndpoints.Map(app);
        app.MapGrpcService<ExchangeGrpcService>();
        return app;
    }

    /// <summary>gRPC only on the gRPC port and the HTTP API only off it: each port serves one protocol, as documented.</summary>
    private static Task OnItsOwnPort(HttpContext context, RequestDelegate next, int grpcPort)
    {
        var grpc = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not null;
        // gRPC bounds its messages itself (MaxReceiveMessageSize, answered RESOURCE_EXHAUSTED); Kestrel's body limit would fail
        // the call as UNKNOWN
        if (grpc && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            body.MaxRequestBodySize = null;
        if (grpc == (context.Connection.LocalPort == grpcPort)) return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>
    /// An SSE response ends when the server stops, as a WebSocket is closed with 1001: otherwise one open stream (a dashboard
    /// left open) holds the host's shutdown for its whole timeout (30 s) while the exchange goes on. Clients resume by seq.
    /// </summary>
    private static async Task EndStreamsOnStop(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(ApiRoot + "/stream"))
        {
            await next(context);
            return;
        }
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        context.RequestAborted = either.Token; // what the endpoint's CancellationToken is bound to
        await next(context);
    }

    /// <summary>Turns the gateway's exceptions into answers: 400 naming the field, 401, 410 for a resume point too old, 503 when the
    /// exchange is busy.</summary>
    private static async Task AnswerErrors(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && Answer(e) is { } answer)
        {
            context.Response.StatusCode = answer.Status;
            if (answer.Status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(answer.Body);
        }
    }

    private static (int Status, ErrorMessage Body)? Answer(Exception e) => e switch
    {
        BadRequestException bad => (StatusCodes.Status400BadRequest, new ErrorMessage("bad_request", bad.Message)),
        UnauthorizedException => (StatusCodes.Status401Unauthorized, new ErrorMessage("unauthorized", e.Message)),
        ResumeGoneException => (StatusCodes.Status410Gone, new ErrorMessage("gone", e.Message)),
        AskTimeoutException => (StatusCodes.Status503ServiceUnavailable,
            new ErrorMessage("busy", "the exchange did not answer in time; try again")),
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => (bad.StatusCode, new ErrorMessage("bad_request", bad.Message)),
        _ => null,
    };
}
