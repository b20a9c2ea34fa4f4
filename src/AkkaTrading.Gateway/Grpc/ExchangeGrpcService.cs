using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using V1 = AkkaTrading.Gateway.Grpc.V1;

namespace AkkaTrading.Gateway.Grpc;

/// <summary>
/// The native API over gRPC (<c>Protos/exchange.proto</c>): the same callers, order desk and event reads as REST and SSE,
/// translated to protobuf. Errors become status codes in <see cref="GrpcErrors"/>; no trading rule is decided here.
/// </summary>
public sealed class ExchangeGrpcService(Callers callers, ExchangeClient exchange, OrderDesk desk) : V1.Exchange.ExchangeBase
{
    public override async Task StreamEvents(V1.StreamRequest request, IServerStreamWriter<V1.Event> stream, ServerCallContext context)
    {
        var bot = callers.Reader(Http(context));
        var topics = StreamEndpoints.Topics(string.Join(',', request.Topics), bot);
        if (request is { HasAfter: true, After: < 0 }) throw new BadRequestException("after", "must be a sequence number ≥ 0");
        var after = request.HasAfter ? request.After : exchange.Hub.LastSeq;
        // WriteAsync waits for HTTP/2 flow control: a slow reader fills its bounded queue and ends as too slow, never the exchange
        await foreach (var e in exchange.ReadAsync(after, topics, bot, context.CancellationToken))
            await stream.WriteAsync(GrpcWire.Event(e.Envelope), context.CancellationToken);
    }

    public override async Task<V1.OrderResult> PlaceOrder(V1.OrderRequest request, ServerCallContext context)
    {
        var bot = callers.Bot(Http(context));
        var reply = await desk.PlaceAsync(bot, GrpcWire.Order(request), context.CancellationToken);
        if (reply.Body is OrderResultMessage result) return GrpcWire.Result(result); // filled or rejected: both are answers
        var wait = reply.RetryAfter ?? TimeSpan.FromSeconds(1);
        var message = (reply.Body as ErrorMessage)?.Message ?? $"the order was refused ({reply.Status})";
        // grpc-retry-pushback-ms is the standard hint a retry policy honours
        throw new RpcException(new Status(StatusCode.ResourceExhausted, message),
            new Metadata { { "grpc-retry-pushback-ms", ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString() } });
    }

    public override async Task<V1.Account> GetAccount(V1.AccountRequest request, ServerCallContext context)
    {
        var bot = callers.Bot(Http(context));
        var state = await exchange.AccountAsync(bot, context.CancellationToken);
        if (state.Summary is not { } s) throw new RpcException(new Status(StatusCode.NotFound, $"bot '{bot}' has no account"));
        return GrpcWire.Account(AccountMessage.Of(s));
    }

    public override Task<V1.Prices> GetPrices(V1.PricesRequest request, ServerCallContext context)
    {
        callers.Reader(Http(context));
        var hub = exchange.Hub;
        var result = new V1.Prices { Seq = hub.PricesSeq };
        foreach (var asset in exchange.Assets)
            if (hub.Prices.TryGetValue(asset, out var price)) result.Prices_.Add(GrpcWire.Price(asset, price));
        return Task.FromResult(result);
    }

    // gRPC metadata are the HTTP/2 request's headers, so the REST callers' token check applies as it is
    private static HttpRequest Http(ServerCallContext context) => context.GetHttpContext().Request;
}
