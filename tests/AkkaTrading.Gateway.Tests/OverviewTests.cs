using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>The public accounts overview (the dashboard's leaderboard): every bot's standing, nothing private, and off when
/// configured so.</summary>
public sealed class OverviewTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Every_bots_cash_positions_equity_and_pl_are_public_without_its_orders_ids()
    {
        await using var server = await TestServer.StartAsync();
        using var alice = server.Client(TestServer.AliceToken);
        HttpResponseMessage order;
        var attempts = 0;
        do order = await alice.PostAsJsonAsync("api/v1/orders",
            new { asset = "ALFA", side = "buy", quantity = 3, clientOrderId = "secret-id" });
        while (order.StatusCode == HttpStatusCode.UnprocessableEntity && ++attempts < 100 && await Task.Delay(25).ContinueWith(_ => true));
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        var fillSeq = (await Json(order)).GetProperty("seq").GetInt64();

        using var anonymous = server.Client();
        var response = await anonymous.GetAsync("api/v1/accounts");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secret-id", text);
        var overview = JsonDocument.Parse(text).RootElement;
        Assert.True(overview.GetProperty("seq").GetInt64() >= fillSeq, text);
        var accounts = overview.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("bot").GetString()!);
        Assert.Equal(["alice", "bob", "house"], accounts.Keys.Order());
        var position = Assert.Single(accounts["alice"].GetProperty("positions").EnumerateArray());
        Assert.Equal(("ALFA", 3m), (position.GetProperty("asset").GetString(), position.GetProperty("quantity").GetDecimal()));
        Assert.Equal(500m, accounts["bob"].GetProperty("cash").GetDecimal());
        Assert.True(accounts["alice"].TryGetProperty("equity", out _) && accounts["alice"].TryGetProperty("profitLoss", out _));
    }

    [Fact]
    public async Task Closed_overview_is_forbidden_and_private_reads_still_need_a_token()
    {
        await using (var closed = await TestServer.StartAsync("public-accounts = false"))
        {
            var response = await closed.Client(TestServer.AliceToken).GetAsync("api/v1/accounts");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("forbidden", (await Json(response)).GetProperty("error").GetString());
        }
        await using var privateReads = await TestServer.StartAsync("public-reads = false");
        Assert.Equal(HttpStatusCode.Unauthorized, (await privateReads.Client().GetAsync("api/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await privateReads.Client(TestServer.BobToken).GetAsync("api/v1/accounts")).StatusCode);
    }
}
