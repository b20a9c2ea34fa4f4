using AkkaTrading.Domain.Trading;

namespace AkkaTrading.Domain.Events;

/// <summary>
/// Something the exchange accepted, stamped with a global sequence number (gap-free, increasing) and the UTC
/// time it was accepted. Clients resume from a <see cref="Seq"/>.
/// </summary>
public sealed record ExchangeEvent(long Seq, DateTimeOffset Time, EventData Data)
{
    /// <summary>The bot this event is private to (a rejection), or null when every client may see it.</summary>
    public string? Owner => Data is RejectionData r ? r.Rejection.Order.Bot : null;
}

/// <summary>What an <see cref="ExchangeEvent"/> carries: a price, a trade or a rejection.</summary>
public abstract record EventData
{
    /// <summary>The name clients know it by: <c>price</c>, <c>trade</c> or <c>rejection</c>.</summary>
    public abstract string Type { get; }
}

public sealed record PriceData(string Asset, decimal Price) : EventData
{
    public override string Type => "price";
}

/// <summary>A fill; to the bot that traded it, it is its own fill (with its client order id).</summary>
public sealed record TradeData(Fill Fill, string? ClientOrderId) : EventData
{
    public override string Type => "trade";
}

/// <summary>An order the exchange refused, private to its bot.</summary>
public sealed record RejectionData(Rejection Rejection, string? ClientOrderId) : EventData
{
    public override string Type => "rejection";
}
