using AkkaTrading.Domain.Events;

namespace AkkaTrading.Gateway.Wire;

/// <summary>What a client subscribes to: <c>prices</c>, <c>trades</c> (everyone's) and <c>fills</c> (its own fills and
/// rejections).</summary>
[Flags]
public enum Topics
{
    None = 0,
    Prices = 1,
    Trades = 2,
    Fills = 4,
    All = Prices | Trades | Fills,
}

/// <summary>The ways an event can look to a client: everyone's price or trade, or a bot's own fill or rejection.</summary>
public enum EventView { None, Price, Trade, Fill, Rejection }

public static class TopicNames
{
    public const string Known = "prices, trades, fills";

    /// <summary>Parses <c>prices,trades</c>; null (all public topics) when absent; throws <see cref="BadRequestException"/> on an unknown
    /// name.</summary>
    public static Topics Parse(IEnumerable<string?>? names, Topics whenAbsent = Topics.Prices | Topics.Trades)
    {
        var result = Topics.None;
        var any = false;
        foreach (var name in (names ?? [])
            .SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            any = true;
            result |= name switch
            {
                "prices" => Topics.Prices,
                "trades" => Topics.Trades,
                "fills" => Topics.Fills,
                _ => throw new BadRequestException("topics", $"'{Excerpt(name)}' is not a topic (known: {Known})"),
            };
        }
        return any ? result : whenAbsent;
    }

    /// <summary>The names of <paramref name="topics"/>, in the order of <see cref="Known"/>.</summary>
    public static IReadOnlyList<string> Names(Topics topics) =>
        [.. new[] { (Topics.Prices, "prices"), (Topics.Trades, "trades"), (Topics.Fills, "fills") }.Where(t => topics.HasFlag(t.Item1))
            .Select(t => t.Item2)];

    /// <summary>
    /// The envelope <paramref name="bot"/> (null: an anonymous client) sees of <paramref name="e"/> with these topics, or null.
    /// A bot's own trade comes as a <c>fill</c> when it asked for fills; another bot's rejection never comes.
    /// </summary>
    public static Envelope? View(ExchangeEvent e, Topics topics, string? bot) =>
        Pick(e, topics, bot) is var view && view != EventView.None ? EnvelopeOf(e, view) : null;

    /// <summary>Which view <see cref="View"/> gives, without building it: asked of every event for every live subscription.</summary>
    public static EventView Pick(ExchangeEvent e, Topics topics, string? bot) => e.Data switch
    {
        PriceData when topics.HasFlag(Topics.Prices) => EventView.Price,
        TradeData t when bot is not null && t.Fill.Bot == bot && topics.HasFlag(Topics.Fills) => EventView.Fill,
        TradeData when topics.HasFlag(Topics.Trades) => EventView.Trade,
        RejectionData when bot is not null && e.Owner == bot && topics.HasFlag(Topics.Fills) => EventView.Rejection,
        _ => EventView.None,
    };

    public static bool Sees(ExchangeEvent e, Topics topics, string? bot) => Pick(e, topics, bot) != EventView.None;

    /// <summary>The envelope of one view of <paramref name="e"/>; the view must be one <see cref="Pick"/> gives for it.</summary>
    public static Envelope EnvelopeOf(ExchangeEvent e, EventView view) => (view, e.Data) switch
    {
        (EventView.Price, PriceData p) => new Envelope(e.Seq, e.Time, "price", new PriceMessage(p.Asset, p.Price)),
        (EventView.Fill, TradeData t) => new Envelope(e.Seq, e.Time, "fill",
            new FillMessage(t.Fill.Asset, WireNames.Side(t.Fill.Side), t.Fill.Quantity, t.Fill.Price, t.Fill.Fee, t.ClientOrderId)),
        (EventView.Trade, TradeData t) => new Envelope(e.Seq, e.Time, "trade",
            new TradeMessage(t.Fill.Bot, t.Fill.Asset, WireNames.Side(t.Fill.Side), t.Fill.Quantity, t.Fill.Price, t.Fill.Fee)),
        (EventView.Rejection, RejectionData r) => new Envelope(e.Seq, e.Time, "rejection", Rejection(r)),
        _ => throw new ArgumentException($"a {e.Data.Type} event has no {view} view", nameof(view)),
    };

    public static RejectionMessage Rejection(RejectionData r)
        => new(r.Rejection.Order.Asset, WireNames.Side(r.Rejection.Order.Side), r.Rejection.Order.Quantity,
        WireNames.Reason(r.Rejection.Reason), r.Rejection.Detail, r.ClientOrderId);

    /// <summary>A short, printable excerpt of client input for an error message.</summary>
    public static string Excerpt(string text) =>
        new string([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]) + (text.Length > 40 ? "…" : "");
}

/// <summary>A request the gateway cannot take: answered 400 naming <see cref="Field"/>.</summary>
public sealed class BadRequestException(string field, string problem) : Exception($"'{field}' {problem}")
{
    public string Field { get; } = field;
}
