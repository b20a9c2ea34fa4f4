using System.Text.Json;
using AkkaTrading.Domain.Events;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Gateway.Wire;

namespace AkkaTrading.Gateway.Bitmex;

public sealed partial class RealtimeSession
{
    /// <summary>A subscription: a table, for one symbol or (null) all of them.</summary>
    private sealed record Topic(string Table, string? Symbol);

    private static readonly Dictionary<string, (string[] Keys, Type Row, object ForeignKeys, object Attributes)> Tables = new()
    {
        ["instrument"] = (["symbol"], typeof(InstrumentRow), new { }, new { symbol = "unique" }),
        ["trade"] = ([], typeof(TradeRow), new { symbol = "instrument", side = "side" }, new { timestamp = "sorted", symbol = "grouped" }),
        ["order"] = (["orderID"], typeof(OrderRow), new { symbol = "instrument", side = "side", ordStatus = "ordStatus" },
            new { orderID = "grouped" }),
        ["execution"] = (["execID"], typeof(ExecutionRow), new { symbol = "instrument", side = "side", ordStatus = "ordStatus" },
            new { execID = "grouped", account = "grouped", execType = "grouped", transactTime = "sorted" }),
        ["position"] = (["account", "symbol"], typeof(PositionRow), new { symbol = "instrument" },
            new { account = "sorted", symbol = "grouped", currency = "grouped", underlying = "grouped", quoteCurrency = "grouped" }),
        ["margin"] = (["account", "currency"], typeof(MarginRow), new { }, new { account = "sorted", currency = "grouped" }),
    };

    private readonly HashSet<Topic> _topics = [];
    private readonly Dictionary<string, Quote> _quotes = new(StringComparer.Ordinal);
    private volatile bool _prices, _trades, _own;

    /// <summary>Asked by the hub for every event: only what some topic shows takes room in this connection's queue.</summary>
    private bool Wants(ExchangeEvent e) => e.Data switch
    {
        PriceData => _prices,
        TradeData t => _trades || (_own && t.Fill.Bot == _key?.Bot),
        RejectionData => _own && e.Owner == _key?.Bot,
        _ => false,
    };

    private async Task HandleAsync(string message, CancellationToken stop)
    {
        if (message == "ping")
        {
            await SendTextAsync("pong", stop);
            return;
        }
        JsonElement request;
        try
        {
            using var json = JsonDocument.Parse(message);
            request = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            await ErrorAsync(400, $"Unable to parse request: {TopicNames.Excerpt(message)}", message, stop);
            return;
        }
        var op = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString() : null;
        var args = request.ValueKind == JsonValueKind.Object && request.TryGetProperty("args", out var a) ? a : default;
        switch (op)
        {
            case "subscribe":
                foreach (var arg in Strings(args)) await SubscribeAsync(arg, request, stop);
                break;
            case "unsubscribe":
                foreach (var arg in Strings(args)) await UnsubscribeAsync(arg, request, stop);
                break;
            case "authKeyExpires":
                await AuthenticateAsync(args, request, stop);
                break;
            default:
                await ErrorAsync(400, $"Unknown or unsupported 'op': {TopicNames.Excerpt(op ?? "(none)")} "
                    + "(this simulator knows subscribe, unsubscribe, authKeyExpires)", request, stop);
                break;
        }
    }

    /// <summary><c>args</c> as BitMEX takes it: one string or an array of them.</summary>
    private static IEnumerable<string> Strings(JsonElement args) => args.ValueKind switch
    {
        JsonValueKind.String => [args.GetString()!],
        JsonValueKind.Array => args.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()),
        _ => [],
    };

    private async Task AuthenticateAsync(JsonElement args, JsonElement request, CancellationToken stop)
    {
        var values = args.ValueKind == JsonValueKind.Array ? args.EnumerateArray()
            .Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText()).ToArray() : [];
        if (values.Length != 3)
        {
            await ErrorAsync(400, "authKeyExpires takes args [apiKey, expires, signature]", request, stop);
            return;
        }
        try
        {
            _key = _keys.Verify(values[0], values[1], values[2], "GET" + BitmexRealtime.Path);
            await SendAsync(new { success = true, request }, stop);
        }
        catch (BitmexException e)
        {
            await ErrorAsync(e.Status, e.Message, request, stop);
        }
    }

    private Topic? Parse(string arg, out string? error)
    {
        var colon = arg.IndexOf(':');
        var (table, symbol) = colon < 0 ? (arg, null) : (arg[..colon], arg[(colon + 1)..]);
        error = null;
        if (!Tables.ContainsKey(table)) error = $"Unknown table: {TopicNames.Excerpt(table)}";
        else if (table != "margin" && symbol is not null && !_views.Markets.Has(symbol))
            error = $"Unknown symbol: {TopicNames.Excerpt(symbol)} (this simulator lists {string.Join(", ", _views.Markets.Symbols)})";
        return error is null ? new Topic(table, table == "margin" ? null : symbol) : null;
    }

    private async Task SubscribeAsync(string arg, JsonElement request, CancellationToken stop)
    {
        if (Parse(arg, out var error) is not { } topic)
        {
            await ErrorAsync(400, error!, request, stop);
            return;
        }
        if (_key is null && (BitmexRealtime.PrivateTables.Contains(topic.Table) || !_keys.PublicReads))
        {
            await ErrorAsync(401, "User requested an account-locked subscription but no authorization was provided.", request, stop);
            return;
        }
        if (!_topics.Add(topic))
        {
            await ErrorAsync(400, $"You are already subscribed to this topic: {arg}", request, stop);
            return;
        }
        UpdateWants(); // before the partial is read: what happens after it is queued
        await SendAsync(new { success = true, subscribe = arg, request }, stop);
        await SendAsync(await PartialAsync(topic, stop), stop);
    }

    private async Task UnsubscribeAsync(string arg, JsonElement request, CancellationToken stop)
    {
        var topic = Parse(arg, out var error);
        if (topic is null || !_topics.Remove(topic))
        {
            await ErrorAsync(400, error ?? $"You are not subscribed to this topic: {arg}", request, stop);
            return;
        }
        UpdateWants();
        await SendAsync(new { success = true, unsubscribe = arg, request }, stop);
    }

    private void UpdateWants()
    {
        _prices = _topics.Any(t => t.Table == "instrument");
        _trades = _topics.Any(t => t.Table == "trade");
        _own = _topics.Any(t => BitmexRealtime.PrivateTables.Contains(t.Table));
    }

    private async Task<object> PartialAsync(Topic topic, CancellationToken stop)
    {
        var (keys, row, foreignKeys, attributes) = Tables[topic.Table];
        var filter = new Dictionary<string, object>();
        if (_key is not null && BitmexRealtime.PrivateTables.Contains(topic.Table)) filter["account"] = _key.Account;
        if (topic.Symbol is not null) filter["symbol"] = topic.Symbol;
        var now = DateTimeOffset.UtcNow;
        object[] data = topic.Table switch
        {
            "instrument" => [.. Symbols(topic).Select(s => _views.Instrument(s, Track(s, _book.Of(s)), now))],
            "position" => [.. _views.Positions(_key!.Account, await SummaryAsync(stop), now).Where(p => Covers(topic, p.Symbol))],
            "margin" => [.. _views.Margins(_key!.Account, await SummaryAsync(stop), now)],
            // trades, orders and executions start empty: market orders never stay open, and history is on REST
            _ => [],
        };
        return new { table = topic.Table, action = "partial", keys, types = BitmexJson.Types(row), foreignKeys, attributes, filter, data };
    }

    private IEnumerable<string> Symbols(Topic topic) => topic.Symbol is { } s ? [s] : _views.Markets.Symbols;

    private static bool Covers(Topic topic, string symbol) => topic.Symbol is null || topic.Symbol == symbol;

    private bool Covers(string table, string symbol) => _topics.Any(t => t.Table == table && Covers(t, symbol));

    private Task<BotSummary> SummaryAsync(CancellationToken stop) => BitmexRealtime.SummaryAsync(_exchange, _key!, stop);

    /// <summary>Keeps the newest quote of a symbol this connection has shown, so that an older price never follows a newer.</summary>
    private Quote? Track(string symbol, Quote? quote)
    {
        if (quote is null) return _quotes.GetValueOrDefault(symbol);
        if (!_quotes.TryGetValue(symbol, out var shown) || quote.Seq > shown.Seq || quote.Seq == 0) _quotes[symbol] = quote;
        return _quotes[symbol];
    }

    private async Task PublishAsync(ExchangeEvent e, CancellationToken stop)
    {
        switch (e.Data)
        {
            case PriceData p when Covers("instrument", p.Asset):
                if (_quotes.TryGetValue(p.Asset, out var shown) && e.Seq <= shown.Seq) return;
                var quote = _quotes[p.Asset] = shown?.Next(p.Price, e.Seq, e.Time) ?? new Quote(p.Price, e.Seq, e.Time, "ZeroPlusTick");
                await RowsAsync("instrument", "update", [BitmexViews.Update(p.Asset, quote)], stop);
                break;
            case TradeData t:
                var symbol = t.Fill.Asset;
                if (Covers("trade", symbol))
                    await RowsAsync("trade", "insert", [BitmexViews.Trade(e, t, _book.Of(symbol)?.TickDirection ?? "ZeroPlusTick")], stop);
                if (_key is null || t.Fill.Bot != _key.Bot) return;
                if (Covers("order", symbol))
                    await RowsAsync("order", "insert", [BitmexViews.Order(e.Seq, e.Time, _key.Account, t.ClientOrderId, "",
                        Domain.Trading.OrderResult.Filled(t.Fill))], stop);
                if (Covers("execution", symbol))
                    await RowsAsync("execution", "insert",
                        [BitmexViews.Execution(e.Seq, e.Time, _key.Account, t.ClientOrderId, t.Fill)], stop);
                if (Covers("position", symbol) || _topics.Contains(new Topic("margin", null)))
                    await AccountChangedAsync(symbol, stop);
                break;
            case RejectionData r when _key is not null && e.Owner == _key.Bot && Covers("order", r.Rejection.Order.Asset):
                await RowsAsync("order", "insert", [BitmexViews.Order(e.Seq, e.Time, _key.Account, r.ClientOrderId, "",
                    Domain.Trading.OrderResult.Rejected(r.Rejection))], stop);
                break;
        }
    }

    /// <summary>After the bot's own fill: its position in the symbol and its cash and units, as the account now stands.</summary>
    private async Task AccountChangedAsync(string symbol, CancellationToken stop)
    {
        var summary = await SummaryAsync(stop);
        var now = DateTimeOffset.UtcNow;
        if (Covers("position", symbol))
            await RowsAsync("position", "update", [_views.Positions(_key!.Account, summary, now).First(p => p.Symbol == symbol)], stop);
        if (_topics.Contains(new Topic("margin", null)))
        {
            var currencies = new[] { BitmexMarkets.Cash, _views.Markets.BaseOf(symbol) };
            var rows = _views.Margins(_key!.Account, summary, now).Where(m => currencies.Contains(m.Currency));
            await RowsAsync("margin", "update", [.. rows], stop);
        }
    }

    private Task RowsAsync(string table, string action, object[] data, CancellationToken stop) =>
        SendAsync(new { table, action, data }, stop);

    private Task ErrorAsync(int status, string error, object request, CancellationToken stop) =>
        SendAsync(new { status, error, meta = new { }, request }, stop);
}
