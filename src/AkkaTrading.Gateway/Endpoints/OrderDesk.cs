using System.Text.Json;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Gateway.Auth;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Http;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>An order's answer on any transport: the HTTP status it maps to, the body, and when to retry after a 429.</summary>
public sealed record OrderReply(int Status, object Body, TimeSpan? RetryAfter = null);

/// <summary>The filled or rejected order as clients see it.</summary>
public sealed record OrderResultMessage(string Status, long Seq, bool Repeated, string? ClientOrderId, FillMessage? Fill,
    RejectionMessage? Rejection);

/// <summary>
/// Takes a market order from the wire for an authenticated bot: checks its fields, applies the bot's rate limit and
/// submits it to the exchange under the bot's own name. Shared by REST and WebSocket; no trading rule is decided here.
/// </summary>
public sealed class OrderDesk(ExchangeClient exchange, OrderRateLimiter limiter)
{
    public const int MaxClientOrderIdLength = 64;

    public async Task<OrderReply> PlaceAsync(string bot, OrderRequest request, CancellationToken cancel)
    {
        var (asset, side, quantity, clientOrderId) = Validate(request);
        if (!limiter.TryTake(bot, out var retryAfter))
            return new OrderReply(StatusCodes.Status429TooManyRequests,
                new ErrorMessage("rate_limited", $"too many orders: retry in {Math.Ceiling(retryAfter.TotalSeconds)}s"), retryAfter);
        var outcome = await exchange.SubmitAsync(new Order(bot, asset, side, quantity), clientOrderId, cancel);
        if (outcome.Result.Fill is { } fill)
            return new OrderReply(StatusCodes.Status200OK, new OrderResultMessage("filled", outcome.Seq, outcome.Repeated, clientOrderId,
                new FillMessage(fill.Asset, WireNames.Side(fill.Side), fill.Quantity, fill.Price, fill.Fee, clientOrderId), null));
        var rejection = TopicNames.Rejection(new Domain.Events.RejectionData(outcome.Result.Rejection!, clientOrderId));
        return new OrderReply(StatusCodes.Status422UnprocessableEntity,
            new OrderResultMessage("rejected", outcome.Seq, outcome.Repeated, clientOrderId, null, rejection));
    }

    /// <summary>Reads an order from a JSON body; a malformed body or field is a <see cref="BadRequestException"/> naming the
    /// field.</summary>
    public static async Task<OrderRequest> ReadAsync(Stream body, CancellationToken cancel)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<OrderRequest>(body, JsonSerializerOptions.Web, cancel)
                ?? throw new BadRequestException("body", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new BadRequestException(FieldOf(e.Path), "is not valid JSON for an order: " + TopicNames.Excerpt(e.Message));
        }
    }

    public static OrderRequest Parse(JsonElement element)
    {
        try
        {
            return element.Deserialize<OrderRequest>(JsonSerializerOptions.Web)
                ?? throw new BadRequestException("order", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new BadRequestException(FieldOf(e.Path), "is not valid JSON for an order: " + TopicNames.Excerpt(e.Message));
        }
    }

    private static (string Asset, Side Side, decimal Quantity, string? ClientOrderId) Validate(OrderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Asset)) throw new BadRequestException("asset", "is missing");
        // no asset has any other name, and a refused order's asset is kept in the event log: a long one would fill it
        if (!Names.IsValid(request.Asset))
            throw new BadRequestException("asset", $"must be a name of {Names.Rule}, not '{TopicNames.Excerpt(request.Asset)}'");
        var side = request.Side?.ToLowerInvariant() switch
        {
            "buy" => Side.Buy,
            "sell" => Side.Sell,
            null => throw new BadRequestException("side", "is missing"),
            _ => throw new BadRequestException("side", $"must be buy or sell, not '{TopicNames.Excerpt(request.Side)}'"),
        };
        if (request.Quantity is not { } quantity) throw new BadRequestException("quantity", "is missing");
        if (request.ClientOrderId is { } id && (id.Length is 0 or > MaxClientOrderIdLength || id.Any(char.IsControl)))
            throw new BadRequestException("clientOrderId", $"must be 1 to {MaxClientOrderIdLength} printable characters");
        return (request.Asset, side, quantity, request.ClientOrderId);
    }

    private static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
