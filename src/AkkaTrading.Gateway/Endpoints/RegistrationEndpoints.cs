using System.Text.Json;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Gateway.Auth;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Endpoints;

public sealed record RegistrationRequest(string? Name);

public sealed record RegistrationMessage(string Bot, string Token, decimal InitialCash);

/// <summary>
/// <c>POST /api/v1/bots</c>: a bot opens its account while the server runs and gets its token (when
/// <c>gateway.registration.open</c>). The name must be free; the number of such bots is bounded.
/// </summary>
public static class RegistrationEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/bots", async (HttpRequest request, GatewaySettings settings, BotTokens tokens, ExchangeClient exchange,
            Registrations registered,
            CancellationToken cancel) =>
        {
            if (!settings.Registration.Open)
                return Results.Json(new ErrorMessage("registration_closed",
                    "bots cannot register here; ask for a token in the configuration"),
                    statusCode: StatusCodes.Status403Forbidden);
            RegistrationRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<RegistrationRequest>(request.Body, JsonSerializerOptions.Web, cancel);
            }
            catch (JsonException)
            {
                throw new BadRequestException("body", "must be a JSON object such as {\"name\":\"carol\"}");
            }
            var name = body?.Name ?? throw new BadRequestException("name", "is missing");
            if (!Names.IsValid(name)) throw new BadRequestException("name",
                $"must be a name of {Names.Rule}, not '{TopicNames.Excerpt(name)}'");
            if (!registered.TryTake(settings.Registration.MaxBots))
                return Results.Json(new ErrorMessage("registration_full", $"{settings.Registration.MaxBots} bots have registered already"),
                    statusCode: StatusCodes.Status403Forbidden);
            var (token, hash) = BotTokens.NewToken();
            var opened = await exchange.OpenAccountAsync(name, settings.Registration.InitialCash, hash, cancel);
            if (opened.Existed)
            {
                registered.GiveBack();
                return Results.Conflict(new ErrorMessage("name_taken",
                    $"the name '{name}' is taken (names that differ only in case are one name)"));
            }
            return Results.Created($"/api/v1/account",
                new RegistrationMessage(name, Accepted(tokens, hash, name, token), settings.Registration.InitialCash));
        });

    private static string Accepted(BotTokens tokens, string hash, string bot, string token)
    {
        tokens.Accept(hash, bot);
        return token;
    }
}

/// <summary>How many bots registered while the server runs, so that their number stays bounded.</summary>
public sealed class Registrations
{
    private int _count;

    public bool TryTake(int max)
    {
        if (Interlocked.Increment(ref _count) <= max) return true;
        Interlocked.Decrement(ref _count);
        return false;
    }

    public void GiveBack() => Interlocked.Decrement(ref _count);

    /// <summary>Counts the bots that registered before a restart.</summary>
    public void Recovered(int count) => Interlocked.Add(ref _count, count);
}
