using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>REST on a real Kestrel: snapshots, history, orders with their identity, repeats and rejections, the caller's own account,
/// errors.</summary>
public sealed class RestTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync("orders-per-second = 1000, order-burst = 1000");
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Waits (bounded) until every asset has a price.</summary>
    private async Task<JsonElement> PricesAsync(HttpClient client)
    {
        for (var i = 0; i < 200; i++)
        {
            var prices = await Json(await client.GetAsync("api/v1/prices"));
            if (prices.GetProperty("prices").EnumerateObject().Count() == 2) return prices;
            await Task.Delay(25);
        }
        throw new TimeoutException("no prices");
    }

    private static Task<HttpResponseMessage> Order(HttpClient client, string side, int quantity, string? id = null,
        string asset = "ALFA") =>
        client.PostAsJsonAsync("api/v1/orders", new { asset, side, quantity, clientOrderId = id });

    [Fact]
    public async Task Assets_prices_with_etag_and_history()
    {
        using var client = _server.Client();
        var prices = await PricesAsync(client);
        Assert.True(prices.GetProperty("prices").GetProperty("ALFA").GetDecimal() > 0);

        var assets = await Json(await client.GetAsync("api/v1/assets"));
        Assert.Equal(["ALFA", "BETA"], assets.EnumerateArray().Select(a => a.GetProperty("asset").GetString()));

        var first = await client.GetAsync("api/v1/prices");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "api/v1/prices");
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again);
        Assert.True(second.StatusCode == HttpStatusCode.NotModified || second.Headers.ETag!.Tag != etag.Tag);

        var history = await Json(await client.GetAsync("api/v1/prices/ALFA/history?count=3"));
        Assert.InRange(history.GetProperty("prices").GetArrayLength(), 1, 3);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/v1/prices/ORCL/history")).StatusCode);
    }

    [Fact]
    public async Task An_order_fills_for_the_authenticated_bot_and_a_repeated_client_order_id_trades_once()
    {
        using var alice = _server.Client(TestServer.AliceToken);
        await PricesAsync(alice);

        var filled = await Order(alice, "buy", 3, "a-1");
        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var body = await Json(filled);
        Assert.Equal("filled", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("repeated").GetBoolean());
        Assert.Equal(3m, body.GetProperty("fill").GetProperty("quantity").GetDecimal());

        var repeated = await Json(await Order(alice, "buy", 3, "a-1"));
        Assert.True(repeated.GetProperty("repeated").GetBoolean());
        Assert.Equal(body.GetProperty("seq").GetInt64(), repeated.GetProperty("seq").GetInt64());

        var account = await Json(await alice.GetAsync("api/v1/account"));
        Assert.Equal("alice", account.GetProperty("bot").GetString());
        Assert.Equal(1, account.GetProperty("trades").GetInt32());
        Assert.Equal(3m, account.GetProperty("positions")[0].GetProperty("quantity").GetDecimal());
    }

    [Fact]
    public async Task A_rejection_is_422_with_its_reason_code_and_changes_nothing()
    {
        using var bob = _server.Client(TestServer.BobToken);
        await PricesAsync(bob);

        var response = await Order(bob, "buy", 1000, "b-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var rejection = (await Json(response)).GetProperty("rejection");
        Assert.Equal("insufficient_cash", rejection.GetProperty("reason").GetString());
        Assert.StartsWith("needs ", rejection.GetProperty("message").GetString());
        Assert.Equal("unknown_asset", (await Json(await Order(bob, "sell", 1, asset: "ORCL"))).GetProperty("rejection")
            .GetProperty("reason").GetString());
        Assert.Equal("insufficient_position", (await Json(await Order(bob, "sell", 1))).GetProperty("rejection").GetProperty("reason")
            .GetString());
        Assert.Equal(500m, (await Json(await bob.GetAsync("api/v1/account"))).GetProperty("cash").GetDecimal());
    }

    [Fact]
    public async Task A_bot_sees_only_its_own_account_and_needs_a_valid_token()
    {
        using var anonymous = _server.Client();
        using var stranger = _server.Client("not-a-token-of-anyone-here");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Order(anonymous, "buy", 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("api/v1/prices")).StatusCode);
        using var bob = _server.Client(TestServer.BobToken);
        Assert.Equal("bob", (await Json(await bob.GetAsync("api/v1/account?bot=alice"))).GetProperty("bot").GetString());
    }

    [Theory]
    [InlineData("{\"asset\":\"ALFA\",\"side\":\"buy\"}", "'quantity' is missing")]
    [InlineData("{\"side\":\"buy\",\"quantity\":1}", "'asset' is missing")]
    [InlineData("{\"asset\":\"ALFA\",\"side\":\"hold\",\"quantity\":1}", "'side' must be buy or sell, not 'hold'")]
    [InlineData("{\"asset\":\"ALFA\",\"side\":\"buy\",\"quantity\":\"lots\"}", "'quantity' is not valid JSON for an order")]
    [InlineData("{\"asset\":", "is not valid JSON for an order")]
    [InlineData("{\"asset\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"side\":\"buy\",\"quantity\":1}",
        "'asset' must be a name of at most 64 letters, digits, '-', '_' and '.'")]
    public async Task A_malformed_order_is_400_naming_the_field(string json, string message)
    {
        using var alice = _server.Client(TestServer.AliceToken);
        var response = await alice.PostAsync("api/v1/orders", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await Json(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_too_large_request_is_refused()
    {
        using var alice = _server.Client(TestServer.AliceToken);
        var huge = new StringContent("{\"asset\":\"" + new string('A', 100_000) + "\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await alice.PostAsync("api/v1/orders", huge)).StatusCode);
    }

    [Fact]
    public async Task Trades_after_a_cursor_are_everyone_s_in_exchange_order()
    {
        using var alice = _server.Client(TestServer.AliceToken);
        await PricesAsync(alice);
        await Order(alice, "buy", 1, "t-1");
        await Order(alice, "sell", 1, "t-2");
        using var anonymous = _server.Client();
        var page = await Json(await anonymous.GetAsync("api/v1/trades?after=0"));
        var trades = page.GetProperty("trades").EnumerateArray().Where(t => t.GetProperty("data").GetProperty("bot").GetString() == "alice")
            .ToList();
        Assert.Equal(["buy", "sell"], trades.Select(t => t.GetProperty("data").GetProperty("side").GetString()));
        Assert.True(trades[0].GetProperty("seq").GetInt64() < trades[1].GetProperty("seq").GetInt64());
        Assert.All(trades, t => Assert.Equal("trade", t.GetProperty("type").GetString()));
    }
}
