using System.Net;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Grpc;
using AkkaTrading.Gateway.Grpc.V1;
using Grpc.Core;

namespace AkkaTrading.Gateway.Tests;

/// <summary>gRPC orders, snapshots and errors with the generated client on the server's own HTTP/2 port.</summary>
public sealed class GrpcTests : GrpcServerTests
{

    private static OrderRequest Order(string side, string quantity, string? id = null, string asset = "ALFA")
    {
        var order = new OrderRequest { Asset = asset, Side = side, Quantity = quantity };
        if (id is not null) order.ClientOrderId = id;
        return order;
    }

    [Fact]
    public async Task Prices_are_a_snapshot_with_its_seq_and_exact_decimal_strings()
    {
        var prices = await GrpcReads.PricesAsync(Server.Grpc(), Cancel);
        Assert.Equal(["ALFA", "BETA"], prices.Prices_.Select(p => p.Asset));
        Assert.All(prices.Prices_, p => Assert.True(decimal.Parse(p.Price_, System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.True(prices.Seq > 0);
    }

    [Fact]
    public async Task An_order_fills_for_the_authenticated_bot_and_a_repeated_client_order_id_answers_the_first_outcome()
    {
        var alice = Server.Grpc(TestServer.AliceToken);
        await GrpcReads.PricesAsync(alice, Cancel);

        var filled = await alice.PlaceOrderAsync(Order("buy", "3", "g-1"), cancellationToken: Cancel);
        Assert.Equal("filled", filled.Status);
        Assert.False(filled.Repeated);
        Assert.Equal(OrderResult.OutcomeOneofCase.Fill, filled.OutcomeCase);
        Assert.Equal(("ALFA", "buy", "3", "g-1"), (filled.Fill.Asset, filled.Fill.Side, filled.Fill.Quantity, filled.Fill.ClientOrderId));

        var repeated = await alice.PlaceOrderAsync(Order("buy", "3", "g-1"), cancellationToken: Cancel);
        Assert.True(repeated.Repeated);
        Assert.Equal(filled.Seq, repeated.Seq);
        Assert.Equal(filled.Fill.Price, repeated.Fill.Price);

        var account = await alice.GetAccountAsync(new AccountRequest(), cancellationToken: Cancel);
        Assert.Equal(("alice", 1L), (account.Bot, account.Trades));
        Assert.Equal(("ALFA", "3"), (account.Positions.Single().Asset, account.Positions.Single().Quantity));
    }

    [Fact]
    public async Task A_rejection_is_an_answer_with_its_reason_code_not_an_error()
    {
        var bob = Server.Grpc(TestServer.BobToken);
        await GrpcReads.PricesAsync(bob, Cancel);

        var rejected = await bob.PlaceOrderAsync(Order("buy", "1000", "b-1"), cancellationToken: Cancel);
        Assert.Equal("rejected", rejected.Status);
        Assert.Equal(("insufficient_cash", "b-1"), (rejected.Rejection.Reason, rejected.Rejection.ClientOrderId));
        Assert.StartsWith("needs ", rejected.Rejection.Message);
        var again = await bob.PlaceOrderAsync(Order("buy", "1", "b-1"), cancellationToken: Cancel);
        Assert.Equal((true, rejected.Seq, "rejected"), (again.Repeated, again.Seq, again.Status));
        var unknown = await bob.PlaceOrderAsync(Order("buy", "1", asset: "ORCL"), cancellationToken: Cancel);
        Assert.Equal("unknown_asset", unknown.Rejection.Reason);
        Assert.Equal("500", (await bob.GetAccountAsync(new AccountRequest(), cancellationToken: Cancel)).Cash);
    }

    [Fact]
    public async Task Without_a_valid_token_a_bot_s_calls_are_unauthenticated()
    {
        var anonymous = Server.Grpc();
        var stranger = Server.Grpc("not-a-token-of-anyone-here");
        await AssertStatus(StatusCode.Unauthenticated, () => anonymous.PlaceOrderAsync(Order("buy", "1"), cancellationToken: Cancel)
            .ResponseAsync);
        await AssertStatus(StatusCode.Unauthenticated, () => stranger.GetAccountAsync(new AccountRequest(), cancellationToken: Cancel)
            .ResponseAsync);
        // a wrong token is refused even where reads are public, as on REST
        await AssertStatus(StatusCode.Unauthenticated, () => stranger.GetPricesAsync(new PricesRequest(), cancellationToken: Cancel)
            .ResponseAsync);
        using var fills = anonymous.StreamEvents(new StreamRequest { Topics = { "fills" } }, cancellationToken: Cancel);
        await AssertStatus(StatusCode.Unauthenticated, () => fills.ResponseStream.MoveNext(Cancel));
    }

    [Theory]
    [InlineData("ALFA", "buy", "", null, "'quantity' is missing", "quantity")]
    [InlineData("", "buy", "1", null, "'asset' is missing", "asset")]
    [InlineData("ALFA", "hold", "1", null, "'side' must be buy or sell, not 'hold'", "side")]
    [InlineData("ALFA", "buy", "lots", null, "'quantity' must be a decimal number", "quantity")]
    [InlineData("ALFA", "buy", "1", "", "'client_order_id' must be 1 to 64 printable characters", "client_order_id")]
    public async Task A_malformed_order_is_invalid_argument_naming_the_field(string asset, string side, string quantity, string? id,
        string message, string field)
    {
        var alice = Server.Grpc(TestServer.AliceToken);
        var e = await AssertStatus(StatusCode.InvalidArgument,
            () => alice.PlaceOrderAsync(Order(side, quantity, id, asset), cancellationToken: Cancel).ResponseAsync);
        Assert.StartsWith(message, e.Status.Detail);
        Assert.Equal(field, e.Trailers.GetValue("invalid-field"));
    }

    [Fact]
    public async Task A_message_over_the_request_limit_is_resource_exhausted()
    {
        var alice = Server.Grpc(TestServer.AliceToken);
        await AssertStatus(StatusCode.ResourceExhausted,
            () => alice.PlaceOrderAsync(Order("buy", "1", new string('x', 70_000)), cancellationToken: Cancel).ResponseAsync);
    }

    [Fact]
    public async Task Over_the_rate_the_order_is_resource_exhausted_with_a_retry_pushback()
    {
        await using var server = await TestServer.StartAsync("orders-per-second = 1, order-burst = 1");
        var alice = server.Grpc(TestServer.AliceToken);
        await alice.PlaceOrderAsync(Order("buy", "1"), cancellationToken: Cancel);
        var e = await AssertStatus(StatusCode.ResourceExhausted,
            () => alice.PlaceOrderAsync(Order("buy", "1"), cancellationToken: Cancel).ResponseAsync);
        Assert.StartsWith("too many orders: retry in", e.Status.Detail);
        Assert.InRange(int.Parse(e.Trailers.GetValue("grpc-retry-pushback-ms")!), 1, 1000);
    }

    [Fact]
    public async Task Each_port_serves_its_own_protocol()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Server.Server.GrpcUrl + "/api/v1/prices")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(request, Cancel)).StatusCode);
        using var rest = Server.Client();
        Assert.Equal(HttpStatusCode.OK, (await rest.GetAsync("api/v1/prices", Cancel)).StatusCode);
        using var wrongPort = global::Grpc.Net.Client.GrpcChannel.ForAddress(Server.BaseAddress);
        var call = new Exchange.ExchangeClient(wrongPort).GetPricesAsync(new PricesRequest(), cancellationToken: Cancel);
        Assert.NotEqual(StatusCode.OK, (await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync)).StatusCode);
    }

    [Fact]
    public void A_too_slow_stream_ends_unavailable_saying_where_to_resume()
    {
        var e = GrpcErrors.Translate(new TooSlowException(42))!;
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("too slow: the connection fell behind; resume after seq 42", e.Status.Detail);
        Assert.Equal("42", e.Trailers.GetValue("resume-after-seq"));
    }

    internal static async Task<RpcException> AssertStatus(StatusCode code, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, e.StatusCode);
        return e;
    }
}
