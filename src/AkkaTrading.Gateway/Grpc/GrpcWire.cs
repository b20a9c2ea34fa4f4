using System.Globalization;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Wire;
using Google.Protobuf.WellKnownTypes;
using V1 = AkkaTrading.Gateway.Grpc.V1;

namespace AkkaTrading.Gateway.Grpc;

/// <summary>The native wire messages as their protobuf twins; decimals travel as invariant strings so nothing is rounded.</summary>
public static class GrpcWire
{
    public static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal string from a client; empty is "missing" (proto3 cannot tell), anything unreadable names the field.</summary>
    public static decimal? Amount(string text, string field)
    {
        if (text.Length == 0) return null;
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        return decimal.TryParse(text, style, CultureInfo.InvariantCulture, out var value) ? value
            : throw new BadRequestException(field, $"must be a decimal number such as \"5\", not '{TopicNames.Excerpt(text)}'");
    }

    public static OrderRequest Order(V1.OrderRequest request) => new(Blank(request.Asset), Blank(request.Side),
        Amount(request.Quantity, "quantity"), request.HasClientOrderId ? request.ClientOrderId : null);

    public static V1.Event Event(Envelope e)
    {
        var result = new V1.Event { Seq = e.Seq, Time = Timestamp.FromDateTimeOffset(e.Time), Type = e.Type };
        switch (e.Data)
        {
            case PriceMessage p: result.Price = Price(p.Asset, p.Price); break;
            case TradeMessage t:
                result.Trade = new V1.Trade
                {
                    Bot = t.Bot, Asset = t.Asset, Side = t.Side,
                    Quantity = Amount(t.Quantity), Price = Amount(t.Price), Fee = Amount(t.Fee),
                };
                break;
            case FillMessage f: result.Fill = Fill(f); break;
            case RejectionMessage r: result.Rejection = Rejection(r); break;
            default: throw new InvalidOperationException($"no gRPC form for an event of type '{e.Type}'");
        }
        return result;
    }

    public static V1.OrderResult Result(OrderResultMessage m)
    {
        var result = new V1.OrderResult { Status = m.Status, Seq = m.Seq, Repeated = m.Repeated };
        if (m.ClientOrderId is not null) result.ClientOrderId = m.ClientOrderId;
        if (m.Fill is not null) result.Fill = Fill(m.Fill);
        if (m.Rejection is not null) result.Rejection = Rejection(m.Rejection);
        return result;
    }

    public static V1.Account Account(AccountMessage a)
    {
        var result = new V1.Account
        {
            Bot = a.Bot, InitialCash = Amount(a.InitialCash), Cash = Amount(a.Cash), Equity = Amount(a.Equity),
            ProfitLoss = Amount(a.ProfitLoss), Trades = a.Trades, FeesPaid = Amount(a.FeesPaid),
        };
        foreach (var p in a.Positions)
        {
            var position = new V1.Position
            {
                Asset = p.Asset, Quantity = Amount(p.Quantity), AverageEntryPrice = Amount(p.AverageEntryPrice), Value = Amount(p.Value),
            };
            if (p.LastPrice is { } last) position.LastPrice = Amount(last);
            result.Positions.Add(position);
        }
        return result;
    }

    public static V1.Price Price(string asset, decimal price) => new() { Asset = asset, Price_ = Amount(price) };

    private static V1.Fill Fill(FillMessage f)
    {
        var fill = new V1.Fill
        {
            Asset = f.Asset, Side = f.Side, Quantity = Amount(f.Quantity), Price = Amount(f.Price), Fee = Amount(f.Fee),
        };
        if (f.ClientOrderId is not null) fill.ClientOrderId = f.ClientOrderId;
        return fill;
    }

    private static V1.Rejection Rejection(RejectionMessage r)
    {
        var rejection = new V1.Rejection
        {
            Asset = r.Asset, Side = r.Side, Quantity = Amount(r.Quantity), Reason = r.Reason, Message = r.Message,
        };
        if (r.ClientOrderId is not null) rejection.ClientOrderId = r.ClientOrderId;
        return rejection;
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}
