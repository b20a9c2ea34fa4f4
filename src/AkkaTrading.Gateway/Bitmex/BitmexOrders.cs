using System.Globalization;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Gateway.Auth;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Bitmex;

/// <summary>
/// BitMEX's <c>POST /order</c> as a market order of the key's bot, under the same rate limit as the native API, and the bot's
/// orders and executions read back from the exchange's event log. A <c>clOrdID</c> is the exchange's client order id: sent
/// again, it answers the first outcome.
/// </summary>
public sealed class BitmexOrders(ExchangeClient exchange, OrderRateLimiter limiter, BitmexViews views, TimeProvider time)
{
    // what a market order cannot carry: each belongs to an order type the simulator does not have
    private static readonly string[] Refused = ["price", "stopPx", "pegOffsetValue", "pegPriceType", "displayQty", "simpleOrderQty"];

    public async Task<OrderRow> PlaceAsync(BitmexKey key, BitmexRequest request, CancellationToken cancel)
    {
        var (symbol, side, quantity, clOrdId) = Read(request);
        TakeFromRateLimit(key.Bot);
        var outcome = await exchange.SubmitAsync(new Order(key.Bot, symbol, side, quantity), clOrdId, cancel);
        if (outcome.Result.Rejection is { } r) throw Refusal(r);
        // the fill's own time, from the log (a repeated clOrdID answers the first fill, with its time)
        var page = await exchange.EventsAsync(outcome.Seq - 1, 1, cancel);
        var stamp = page.Events.FirstOrDefault(e => e.Seq == outcome.Seq)?.Time ?? time.GetUtcNow();
        return BitmexViews.Order(outcome.Seq, stamp, key.Account, clOrdId, request["text"] ?? "", outcome.Result);
    }

    /// <summary>The bot's orders (fills and rejections) in the kept log, oldest first.</summary>
    public async Task<List<OrderRow>> OrdersAsync(BitmexKey key, CancellationToken cancel) =>
        [.. (await OwnEventsAsync(key.Bot, cancel)).Select(e => e.Data switch
        {
            TradeData t => BitmexViews.Order(e.Seq, e.Time, key.Account, t.ClientOrderId, "", OrderResult.Filled(t.Fill)),
            RejectionData r => BitmexViews.Order(e.Seq, e.Time, key.Account, r.ClientOrderId, "", OrderResult.Rejected(r.Rejection)),
            _ => throw new InvalidOperationException("not an order event"),
        })];

    /// <summary>The bot's fills in the kept log, oldest first.</summary>
    public async Task<List<ExecutionRow>> ExecutionsAsync(BitmexKey key, CancellationToken cancel) =>
        [.. (await OwnEventsAsync(key.Bot, cancel)).Where(e => e.Data is TradeData)
            .Select(e => BitmexViews.Execution(e.Seq, e.Time, key.Account, ((TradeData)e.Data).ClientOrderId, ((TradeData)e.Data).Fill))];

    /// <summary>An order, or a read of the whole kept log (many questions to the exchange), from the bot's order rate.</summary>
    private void TakeFromRateLimit(string bot)
    {
        if (!limiter.TryTake(bot, out var wait))
            throw new BitmexException(429, $"Rate limit exceeded, retry in {Math.Ceiling(wait.TotalSeconds)} seconds.", "RateLimitError",
                wait);
    }

    private async Task<List<ExchangeEvent>> OwnEventsAsync(string bot, CancellationToken cancel)
    {
        TakeFromRateLimit(bot);
        var own = new List<ExchangeEvent>();
        var after = 0L;
        while (true)
        {
            var page = await exchange.EventsAsync(after, ExchangeClient.PageSize, cancel);
            if (page.Gone)
            {
                after = page.OldestSeq - 1; // older orders are no longer kept: the history starts at the log's oldest event
                continue;
            }
            foreach (var e in page.Events)
            {
                after = e.Seq;
                if (e.Data is TradeData t && t.Fill.Bot == bot && views.Markets.Has(t.Fill.Asset)) own.Add(e);
                else if (e.Data is RejectionData && e.Owner == bot) own.Add(e);
            }
            if (page.Events.Count < ExchangeClient.PageSize) return own;
        }
    }

    private (string Symbol, Side Side, decimal Quantity, string? ClOrdId) Read(BitmexRequest request)
    {
        var symbol = request["symbol"];
        if (string.IsNullOrEmpty(symbol)) throw new BitmexException(400, "'symbol' is required");
        if (!views.Markets.Has(symbol)) throw new BitmexException(400, $"Invalid symbol: {TopicNames.Excerpt(symbol)}");
        var type = request["ordType"] ?? (request.Has("stopPx") ? "Stop" : request.Has("price") ? "Limit" : "Market");
        if (type != "Market")
            throw new BitmexException(400, $"Unsupported ordType '{TopicNames.Excerpt(type)}': only Market orders are simulated "
                + "(they fill at once at the source's price)", "ValidationError");
        if (Refused.FirstOrDefault(request.Has) is { } extra)
            throw new BitmexException(400, $"'{extra}' is not supported: only plain Market orders are simulated", "ValidationError");
        if (request.Has("execInst"))
            throw new BitmexException(400,
                $"execInst '{TopicNames.Excerpt(request["execInst"]!)}' is not supported: spot Market orders only", "ValidationError");
        if (!decimal.TryParse(request["orderQty"], NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity))
            throw new BitmexException(400, "orderQty is invalid");
        var side = request["side"] switch
        {
            "Buy" or "buy" => Side.Buy,
            "Sell" or "sell" => Side.Sell,
            null or "" when quantity != 0m => quantity > 0m ? Side.Buy : Side.Sell, // BitMEX: without a side, the sign of orderQty
            var s => throw new BitmexException(400, $"Invalid side: '{TopicNames.Excerpt(s ?? "")}' (Buy or Sell)"),
        };
        if (!request.Has("side")) quantity = Math.Abs(quantity);
        var clOrdId = request["clOrdID"] is { Length: > 0 } id ? id : null;
        if (clOrdId is not null && (clOrdId.Length > OrderDesk.MaxClientOrderIdLength || clOrdId.Any(char.IsControl)))
            throw new BitmexException(400, $"Invalid clOrdID: 1 to {OrderDesk.MaxClientOrderIdLength} printable characters");
        return (symbol, side, quantity, clOrdId);
    }

    /// <summary>The exchange's refusal in the words BitMEX clients map (ccxt: insufficient funds, invalid order, unavailable).</summary>
    private static BitmexException Refusal(Rejection r) => r.Reason switch
    {
        RejectReason.InsufficientCash or RejectReason.InsufficientPosition =>
            new BitmexException(400, "Account has insufficient Available Balance: " + r.Detail),
        RejectReason.InvalidQuantity => new BitmexException(400, "orderQty is invalid"),
        RejectReason.NoPrice => new BitmexException(503, "Service unavailable: " + r.Detail),
        RejectReason.UnknownBot => new BitmexException(403, "Access Denied: " + r.Detail),
        _ => new BitmexException(400, "Order rejected: " + r.Detail),
    };
}
