using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>REST (short polling): snapshots, history, trades after a cursor, the caller's account, market orders.</summary>
public static class RestEndpoints
{
    public const int MaxTradesPerPage = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/assets", (HttpRequest request, Callers callers, ExchangeClient exchange) =>
        {
            callers.Reader(request);
            return Results.Ok(exchange.Assets.Select(a => new AssetMessage(a, exchange.Hub.Prices.TryGetValue(a, out var p) ? p : null)));
        });

        api.MapGet("/prices", (HttpRequest request, HttpResponse response, Callers callers, ExchangeClient exchange) =>
        {
            callers.Reader(request);
            var etag = $"\"{exchange.Hub.PricesSeq}\"";
            response.Headers.ETag = etag;
            if (request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Ok(new { seq = exchange.Hub.PricesSeq, prices = exchange.Hub.Prices.OrderBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(p => p.Key, p => p.Value) });
        });

        api.MapGet("/prices/{asset}/history",
            async (string asset, int? count, HttpRequest request, Callers callers, ExchangeClient exchange,
            CancellationToken cancel) =>
        {
            callers.Reader(request);
            if (!exchange.Assets.Contains(asset)) return Results.NotFound(new ErrorMessage("unknown_asset",
                $"asset '{TopicNames.Excerpt(asset)}' is not traded here"));
            if (count is < 1) throw new BadRequestException("count", "must be a whole number ≥ 1");
            var history = await exchange.HistoryAsync(asset, count ?? 100, cancel);
            return Results.Ok(new HistoryMessage(asset, history.Prices));
        });

        api.MapGet("/trades", async (long? after, int? limit, HttpRequest request, Callers callers, ExchangeClient exchange,
            CancellationToken cancel) =>
        {
            var bot = callers.Reader(request);
            if (after is < 0) throw new BadRequestException("after", "must be a sequence number ≥ 0");
            var max = Math.Clamp(limit ?? MaxTradesPerPage, 1, MaxTradesPerPage);
            var trades = new List<Envelope>();
            var next = after ?? 0;
            while (trades.Count < max)
            {
                var page = await exchange.EventsAsync(next, ExchangeClient.PageSize, cancel);
                if (page.Gone) throw new ResumeGoneException(next, page);
                foreach (var e in page.Events)
                {
                    if (trades.Count == max) break;
                    next = e.Seq;
                    if (TopicNames.View(e, Topics.Trades, bot) is { } envelope) trades.Add(envelope);
                }
                if (page.Events.Count < ExchangeClient.PageSize) break;
            }
            return Results.Ok(new { trades, next });
        });

        api.MapGet("/account", async (HttpRequest request, Callers callers, ExchangeClient exchange, CancellationToken cancel) =>
        {
            var bot = callers.Bot(request);
            var state = await exchange.AccountAsync(bot, cancel);
            if (state.Summary is not { } s) return Results.NotFound(new ErrorMessage("unknown_bot", $"bot '{bot}' has no account"));
            return Results.Ok(AccountMessage.Of(s));
        });

        api.MapPost("/orders", async (HttpRequest request, HttpResponse response, Callers callers, OrderDesk desk,
            CancellationToken cancel) =>
        {
            var bot = callers.Bot(request);
            var reply = await desk.PlaceAsync(bot, await OrderDesk.ReadAsync(request.Body, cancel), cancel);
            if (reply.RetryAfter is { } wait) response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return Results.Json(reply.Body, statusCode: reply.Status);
        });
    }
}
