using Akka.Actor;
using Akka.Hosting;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Auth;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaTrading.Gateway;

/// <summary>Wires the gateway into a web application: its services, its feed from the exchange's events, its endpoints under <c>/api/v1</c>.</summary>
public static class GatewayHosting
{
    public const string ApiRoot = "/api/v1";

    /// <param name="assets">the assets the exchange trades, in its order</param>
    public static IServiceCollection AddGateway(this IServiceCollection services, GatewaySettings settings, IReadOnlyList<string> assets)
    {
        var hub = new EventHub(settings.QueueSize);
        services.AddSingleton(settings);
        services.AddSingleton(hub);
        services.AddSingleton(new BotTokens(settings.RemoteBots));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new OrderRateLimiter(settings.OrdersPerSecond, settings.OrderBurst, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Callers>();
        services.AddSingleton(sp => new ExchangeClient(sp.GetRequiredService<ActorRegistry>().Get<Exchange>(), hub, assets));
        services.AddSingleton<OrderDesk>();
        return services;
    }

    /// <summary>Starts the feed of the exchange's events into the gateway; add it before the simulation so it sees the first event.</summary>
    public static AkkaConfigurationBuilder AddGatewayFeed(this AkkaConfigurationBuilder akka) =>
        akka.WithActors((system, _, resolver) => EventHubFeeder.Start(system, resolver.GetService<EventHub>()));

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.Use(AnswerErrors);
        var api = app.MapGroup(ApiRoot);
        RestEndpoints.Map(api);
        StreamEndpoints.Map(api);
        WebSocketEndpoints.Map(api);
        return app;
    }

    /// <summary>Turns the gateway's exceptions into answers: 400 naming the field, 401, 410 for a resume point too old, 503 when the exchange is busy.</summary>
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
        AskTimeoutException => (StatusCodes.Status503ServiceUnavailable, new ErrorMessage("busy", "the exchange did not answer in time; try again")),
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => (bad.StatusCode, new ErrorMessage("bad_request", bad.Message)),
        _ => null,
    };
}
