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
    public static Envelope? View(ExchangeEvent e, Topics topics, string? bot) => e.Data switch
    {
        PriceData p when topics.HasFlag(Topics.Prices) => new Envelope(e.Seq, e.Time, "price", new PriceMessage(p.Asset, p.Price)),
        TradeData t when bot is not null && t.Fill.Bot == bot && topics.HasFlag(Topics.Fills) =>
            new Envelope(e.Seq, e.Time, "fill",
                new FillMessage(t.Fill.Asset, WireNames.Side(t.Fill.Side), t.Fill.Quantity, t.Fill.Price, t.Fill.Fee, t.ClientOrderId)),
        TradeData t when topics.HasFlag(Topics.Trades) =>
            new Envelope(e.Seq, e.Time, "trade",
                new TradeMessage(t.Fill.Bot, t.Fill.Asset, WireNames.Side(t.Fill.Side), t.Fill.Quantity, t.Fill.Price, t.Fill.Fee)),
        RejectionData r when bot is not null && e.Owner == bot && topics.HasFlag(Topics.Fills)
            => new Envelope(e.Seq, e.Time, "rejection", Rejection(r)),
        _ => null,
    };

    /// <summary>Whether <see cref="View"/> gives an envelope, without building one: asked of every event for every live subscription.</summary>
    public static bool Sees(ExchangeEvent e, Topics topics, string? bot) => e.Data switch
    {
        PriceData => topics.HasFlag(Topics.Prices),
        TradeData t => topics.HasFlag(Topics.Trades) || (bot is not null && t.Fill.Bot == bot && topics.HasFlag(Topics.Fills)),
        RejectionData => bot is not null && e.Owner == bot && topics.HasFlag(Topics.Fills),
        _ => false,
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
