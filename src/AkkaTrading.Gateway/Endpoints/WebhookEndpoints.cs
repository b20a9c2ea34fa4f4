using System.Text.Json;
using AkkaTrading.Gateway.Webhooks;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>A bot's webhooks: register (the answer carries the signing secret, once), list with their delivery status, delete.</summary>
public static class WebhookEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/webhooks", async (HttpRequest request, Callers callers, WebhookRegistry webhooks, CancellationToken cancel) =>
        {
            var bot = callers.Bot(request);
            var endpoint = await webhooks.AddAsync(bot, await ReadAsync(request.Body, cancel), cancel);
            return Results.Created($"{GatewayHosting.ApiRoot}/webhooks/{endpoint.Id}", endpoint.Message(withSecret: true));
        });

        api.MapGet("/webhooks", (HttpRequest request, Callers callers, WebhookRegistry webhooks) =>
            Results.Ok(new { webhooks = webhooks.Of(callers.Bot(request)).Select(e => e.Message(withSecret: false)) }));

        api.MapGet("/webhooks/{id}", (string id, HttpRequest request, Callers callers, WebhookRegistry webhooks) =>
            webhooks.Find(callers.Bot(request), id) is { } endpoint ? Results.Ok(endpoint.Message(withSecret: false)) : NotFound(id));

        api.MapDelete("/webhooks/{id}", (string id, HttpRequest request, Callers callers, WebhookRegistry webhooks) =>
            webhooks.Remove(callers.Bot(request), id) ? Results.NoContent() : NotFound(id));
    }

    private static IResult NotFound(string id) =>
        Results.NotFound(new ErrorMessage("unknown_webhook", $"you have no webhook '{TopicNames.Excerpt(id)}'"));

    private static async Task<WebhookRequest> ReadAsync(Stream body, CancellationToken cancel)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<WebhookRequest>(body, JsonSerializerOptions.Web, cancel)
                ?? throw new BadRequestException("body", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new BadRequestException("body", "is not valid JSON for a webhook: " + TopicNames.Excerpt(e.Message));
        }
    }
}
