using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using AkkaTrading.Gateway.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>
/// BitMEX's REST paths under <c>/api/v1</c> (singular names: <c>/order</c>, <c>/position</c>, …, beside the native plural ones),
/// answering in its shapes and errors. Private paths need a signed request; a signature on a public one is checked too.
/// </summary>
public static class BitmexRest
{
    public const int MaxCount = 500, DefaultCount = 100;

    public static void Map(RouteGroupBuilder api)
    {
        var bitmex = api.MapGroup("").AddEndpointFilter(AnswerErrors);

        bitmex.MapGet("/schema/websocketHelp", () => Json(BitmexRealtime.Help));

        bitmex.MapGet("/wallet/assets", async (HttpContext context, BitmexKeys keys, BitmexViews views) =>
        {
            await BitmexRequest.ReadAsync(context, keys, signed: false);
            return Json(WalletAssets(views.Markets));
        });

        bitmex.MapGet("/instrument", (HttpContext context, BitmexKeys keys, BitmexViews views, InstrumentBook book) =>
            Instruments(context, keys, views, book, all: true));
        bitmex.MapGet("/instrument/active", (HttpContext context, BitmexKeys keys, BitmexViews views, InstrumentBook book) =>
            Instruments(context, keys, views, book, all: false));
        bitmex.MapGet("/instrument/activeAndIndices", (HttpContext context, BitmexKeys keys, BitmexViews views, InstrumentBook book) =>
            Instruments(context, keys, views, book, all: false));

        bitmex.MapPost("/order", async (HttpContext context, BitmexKeys keys, BitmexOrders orders) =>
        {
            var request = await BitmexRequest.ReadAsync(context, keys, signed: true);
            return Json(await orders.PlaceAsync(request.RequireKey(), request, context.RequestAborted));
        });

        bitmex.MapGet("/order", async (HttpContext context, BitmexKeys keys, BitmexOrders orders) =>
        {
            var request = await BitmexRequest.ReadAsync(context, keys, signed: true);
            return Json(Page(await orders.OrdersAsync(request.RequireKey(), context.RequestAborted), request));
        });

        RouteHandlerBuilder Executions(string path) => bitmex.MapGet(path,
            async (HttpContext context, BitmexKeys keys, BitmexOrders orders) =>
        {
            var request = await BitmexRequest.ReadAsync(context, keys, signed: true);
            return Json(Page(await orders.ExecutionsAsync(request.RequireKey(), context.RequestAborted), request));
        });
        Executions("/execution");
        Executions("/execution/tradeHistory");

        bitmex.MapGet("/position", async (HttpContext context, BitmexKeys keys, BitmexViews views, ExchangeClient exchange) =>
        {
            var request = await BitmexRequest.ReadAsync(context, keys, signed: true);
            var key = request.RequireKey();
            var summary = await BitmexRealtime.SummaryAsync(exchange, key, context.RequestAborted);
            return Json(Page([.. views.Positions(key.Account, summary, DateTimeOffset.UtcNow)], request));
        });

        bitmex.MapGet("/user/margin", async (HttpContext context, BitmexKeys keys, BitmexViews views, ExchangeClient exchange) =>
        {
            var request = await BitmexRequest.ReadAsync(context, keys, signed: true);
            var key = request.RequireKey();
            var margins = views.Margins(key.Account, await BitmexRealtime.SummaryAsync(exchange, key, context.RequestAborted),
                DateTimeOffset.UtcNow).ToList();
            var currency = request["currency"] ?? BitmexMarkets.Cash;
            if (currency == "all") return Json(margins);
            return margins.FirstOrDefault(m => m.Currency == currency) is { } one ? Json(one)
                : throw new BitmexException(400, $"Invalid currency: {Wire.TopicNames.Excerpt(currency)}");
        });
    }

    private static async Task<IResult> Instruments(HttpContext context, BitmexKeys keys, BitmexViews views, InstrumentBook book, bool all)
    {
        var request = await BitmexRequest.ReadAsync(context, keys, signed: false);
        var now = DateTimeOffset.UtcNow;
        var rows = views.Markets.Symbols.Where(s => !all || request["symbol"] is not { Length: > 0 } wanted || wanted == s)
            .Select(s => views.Instrument(s, book.Of(s), now)).ToList();
        return Json(all ? Page(rows, request) : rows);
    }

    /// <summary>BitMEX's paging and filtering: <c>filter</c> (a JSON object of field values; <c>open</c> for orders still working),
    /// <c>symbol</c>, <c>reverse</c> (newest first), <c>start</c> and <c>count</c> (at most 500).</summary>
    private static List<T> Page<T>(List<T> rows, BitmexRequest request)
    {
        IEnumerable<T> result = rows;
        var filter = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (request["filter"] is { Length: > 0 } text)
        {
            try
            {
                filter = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text) ?? filter;
            }
            catch (JsonException)
            {
                throw new BitmexException(400, "Invalid filter: it must be a JSON object", "ValidationError");
            }
        }
        if (request["symbol"] is { Length: > 0 } symbol) filter["symbol"] = JsonSerializer.SerializeToElement(symbol);
        if (filter.Remove("open", out var open) && open.ValueKind == JsonValueKind.True)
            result = []; // market orders never stay open
        if (filter.Count > 0) result = result.Where(row => Matches(JsonSerializer.SerializeToElement(row, BitmexJson.Options), filter));
        if (request["reverse"] == "true") result = result.Reverse();
        var start = Number(request, "start", 0, int.MaxValue) ?? 0;
        var count = Number(request, "count", 1, MaxCount) ?? DefaultCount;
        return [.. result.Skip(start).Take(count)];
    }

    private static bool Matches(JsonElement row, Dictionary<string, JsonElement> filter) => filter.All(f =>
        row.TryGetProperty(f.Key, out var value) && (value.ValueKind == JsonValueKind.String && f.Value.ValueKind == JsonValueKind.String
            ? value.GetString() == f.Value.GetString() : value.GetRawText() == f.Value.GetRawText()));

    private static int? Number(BitmexRequest request, string name, int min, int max)
    {
        if (request[name] is not { Length: > 0 } text) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new BitmexException(400, $"Invalid {name}: a whole number from {min} to {max}", "ValidationError");
        return value;
    }

    private static object WalletAssets(BitmexMarkets markets) =>
        new[] { Asset(BitmexMarkets.Cash, "US Dollar (simulated cash)", BitmexMarkets.CashScale, "Fiat", true) }
            .Concat(markets.Symbols.Select(s => Asset(markets.BaseOf(s), $"{s} units", 0, "Crypto", false)));

    private static object Asset(string currency, string name, int scale, string type, bool margin) => new
    {
        asset = currency, currency, majorCurrency = currency, name, currencyType = type, scale, enabled = true, isMarginCurrency = margin,
        networks = Array.Empty<object>(),
    };

    internal static IResult Json(object value) => Results.Text(BitmexJson.Serialize(value), "application/json");

    private static async ValueTask<object?> AnswerErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BitmexException e)
        {
            if (e.RetryAfter is { } wait)
                context.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Error(e);
        }
        catch (AskTimeoutException)
        {
            return Error(new BitmexException(503, "Service unavailable: the exchange did not answer in time; try again"));
        }
        catch (BadHttpRequestException e)
        {
            return Error(new BitmexException(e.StatusCode, e.Message));
        }
    }

    private static IResult Error(BitmexException e) =>
        Results.Text(BitmexJson.Serialize(e.Body), "application/json", statusCode: e.Status);
}
