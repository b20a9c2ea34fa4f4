using Akka.Actor;
using AkkaTrading.Gateway.Endpoints;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Status = Grpc.Core.Status;

namespace AkkaTrading.Gateway.Grpc;

/// <summary>
/// The gateway's exceptions as gRPC statuses, the twins of REST's 400/401/410/503: the message says what to do and a
/// trailer carries the number a client needs (the field, the oldest kept seq, the seq to resume after).
/// </summary>
public sealed class GrpcErrors : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Translate(e) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Translate(e) is { } status)
        {
            throw status;
        }
    }

    public static RpcException? Translate(Exception e) => e switch
    {
        BadRequestException bad => Error(StatusCode.InvalidArgument, ProtoField(bad), "invalid-field", ToSnake(bad.Field)),
        UnauthorizedException => Error(StatusCode.Unauthenticated, e.Message),
        ResumeGoneException gone => Error(StatusCode.FailedPrecondition, e.Message, "oldest-seq", gone.Oldest.ToString()),
        TooSlowException slow => Error(StatusCode.Unavailable, e.Message, "resume-after-seq", slow.LastSeq.ToString()),
        AskTimeoutException => Error(StatusCode.Unavailable, "the exchange did not answer in time; try again"),
        _ => null,
    };

    private static RpcException Error(StatusCode code, string message, string? key = null, string? value = null) =>
        new(new Status(code, message), key is null ? new Metadata() : new Metadata { { key, value! } });

    /// <summary>The message with the field as the .proto spells it (<c>client_order_id</c>, not <c>clientOrderId</c>).</summary>
    private static string ProtoField(BadRequestException bad)
    {
        var quoted = $"'{bad.Field}'";
        return bad.Message.StartsWith(quoted, StringComparison.Ordinal)
            ? $"'{ToSnake(bad.Field)}'{bad.Message[quoted.Length..]}"
            : bad.Message;
    }

    private static string ToSnake(string field) =>
        string.Concat(field.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
