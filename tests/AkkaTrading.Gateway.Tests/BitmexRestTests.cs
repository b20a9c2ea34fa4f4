using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The BitMEX dialect's REST paths: signed requests, market orders, history and balances in BitMEX's shapes.</summary>
public sealed class BitmexRestTests : IAsyncLifetime
{
    private BitmexServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await BitmexServer.StartAsync();
        _http = _server.Client();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string? Message(JsonElement body) => body.GetProperty("error").Str("message");

    private Task<(HttpStatusCode Status, JsonElement Body)> OrderAsync(string json) =>
        SendAsync(BitmexServer.Signed(HttpMethod.Post, "/api/v1/order", json));

    [Fact]
    public async Task Lists_the_configured_assets_as_spot_instruments_and_the_tables_of_the_socket()
    {
        var help = await _http.GetFromJsonAsync<JsonElement>("api/v1/schema/websocketHelp");
        Assert.Contains("position", help.GetProperty("subscriptionSubjects").GetProperty("authenticationRequired").GetRawText());

        var active = await _http.GetFromJsonAsync<JsonElement>("api/v1/instrument/active");
        Assert.Equal(["XBTUSD", "ALFA"], active.EnumerateArray().Select(i => i.Str("symbol")));
        var one = Assert.Single((await _http.GetFromJsonAsync<JsonElement>("api/v1/instrument?symbol=XBTUSD")).EnumerateArray());
        Assert.Equal("XBT", one.Str("underlying"));
        Assert.Equal("IFXXXP", one.Str("typ"));
        Assert.Equal(1m, one.GetProperty("lotSize").GetDecimal());
        Assert.True(one.GetProperty("fairPrice").GetDecimal() > 0);
        Assert.Equal(2, (await _http.GetFromJsonAsync<JsonElement>("api/v1/instrument/activeAndIndices")).GetArrayLength());

        var assets = await _http.GetFromJsonAsync<JsonElement>("api/v1/wallet/assets");
        Assert.Equal(["USD", "XBT", "ALFA"], assets.EnumerateArray().Select(a => a.Str("currency")));
    }

    [Fact]
    public async Task A_market_order_fills_at_once_and_a_repeated_clOrdID_answers_the_first_order()
    {
        var (status, order) = await OrderAsync("""{"symbol":"XBTUSD","side":"Buy","orderQty":2,"ordType":"Market","clOrdID":"c-1"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Filled", order.Str("ordStatus"));
        Assert.Equal(2m, order.GetProperty("cumQty").GetDecimal());
        Assert.Equal(0m, order.GetProperty("leavesQty").GetDecimal());
        Assert.True(order.GetProperty("avgPx").GetDecimal() > 0);

        var (_, again) = await OrderAsync("""{"symbol":"XBTUSD","side":"Buy","orderQty":2,"ordType":"Market","clOrdID":"c-1"}""");
        Assert.Equal(order.Str("orderID"), again.Str("orderID"));
        Assert.Equal(order.GetProperty("avgPx").GetDecimal(), again.GetProperty("avgPx").GetDecimal());

        // a form body, as some clients send it, without ordType (Market when there is no price)
        var form = "symbol=XBTUSD&side=Sell&orderQty=1";
        var request = BitmexServer.Signed(HttpMethod.Post, "/api/v1/order", form);
        request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        var (formStatus, sold) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.Equal("Sell", sold.Str("side"));

        var positions = (await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/position"))).Body;
        Assert.Equal(1m, positions.EnumerateArray().Single(p => p.Str("symbol") == "XBTUSD").GetProperty("currentQty").GetDecimal());
        var orders = (await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/order?symbol=XBTUSD&reverse=true"))).Body;
        Assert.Equal(["Sell", "Buy"], orders.EnumerateArray().Select(o => o.Str("side")));
        var trades = (await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/execution/tradeHistory?count=1"))).Body;
        Assert.Equal("c-1", Assert.Single(trades.EnumerateArray()).Str("clOrdID"));
        var margins = (await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/user/margin?currency=all"))).Body;
        Assert.Equal(1m, margins.EnumerateArray().Single(m => m.Str("currency") == "XBT").GetProperty("walletBalance").GetDecimal());
    }

    [Theory]
    [InlineData("""{"symbol":"XBTUSD","side":"Buy","orderQty":1,"ordType":"Limit","price":100}""", "ordType")]
    [InlineData("""{"symbol":"XBTUSD","side":"Buy","orderQty":1,"price":100}""", "ordType 'Limit'")]
    [InlineData("""{"symbol":"XBTUSD","side":"Buy","orderQty":1,"ordType":"Market","execInst":"ReduceOnly"}""", "execInst")]
    [InlineData("""{"symbol":"NOPE","side":"Buy","orderQty":1}""", "Invalid symbol")]
    public async Task Other_order_types_and_instructions_are_refused_clearly(string json, string named)
    {
        var (status, body) = await OrderAsync(json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, Message(body));
    }

    [Fact]
    public async Task An_order_beyond_the_cash_is_refused_with_the_message_clients_map_to_insufficient_funds()
    {
        var (status, body) = await OrderAsync("""{"symbol":"XBTUSD","side":"Buy","orderQty":100000,"ordType":"Market"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Account has insufficient Available Balance", Message(body));
        Assert.Equal("HTTPError", body.GetProperty("error").Str("name"));
    }

    [Fact]
    public async Task Signatures_in_seconds_or_milliseconds_pass_and_wrong_expired_or_missing_ones_are_refused()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/user/margin",
            expires: now.ToUnixTimeSeconds() + 30))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/user/margin",
            expires: now.ToUnixTimeMilliseconds() + 30_000))).Status);

        var wrong = await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/user/margin", secret: "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal("Signature not valid.", Message(wrong.Body));

        // signed for another path: the query is part of what is signed
        var moved = BitmexServer.Signed(HttpMethod.Get, "/api/v1/order?count=1");
        moved.RequestUri = new Uri("api/v1/order?count=2", UriKind.Relative);
        Assert.Equal("Signature not valid.", Message((await SendAsync(moved)).Body));

        var expired = await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/position", expires: now.ToUnixTimeSeconds() - 60));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Contains("expired", Message(expired.Body));

        var unknown = await SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/position", key: "nobody"));
        Assert.Equal("Invalid API Key.", Message(unknown.Body));
        using var unsigned = await _http.GetAsync("api/v1/position");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task The_native_api_beside_it_answers_as_before()
    {
        using var native = await _http.GetAsync("api/v1/assets");
        Assert.Equal(HttpStatusCode.OK, native.StatusCode);
        Assert.Contains("\"asset\":\"XBTUSD\"", await native.Content.ReadAsStringAsync());
    }
}
