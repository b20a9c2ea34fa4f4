using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>Accounts opened while the server runs: a bot registers, gets its token and trades with it; names stay unique and the number
/// bounded.</summary>
public sealed class RegistrationTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_bot_that_registers_gets_a_token_its_account_and_trades()
    {
        await using var server = await TestServer.StartAsync("registration { open = true, initial-cash = 2500, max-bots = 2 }");
        using var anonymous = server.Client();

        var registered = await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "carol" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var token = (await Json(registered)).GetProperty("token").GetString()!;
        Assert.True(token.Length >= 40);

        using var carol = server.Client(token);
        var account = await Json(await carol.GetAsync("api/v1/account"));
        Assert.Equal(("carol", 2500m), (account.GetProperty("bot").GetString(), account.GetProperty("cash").GetDecimal()));
        HttpResponseMessage order;
        var tries = 0;
        do order = await carol.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side = "buy", quantity = 1 });
        while (order.StatusCode == HttpStatusCode.UnprocessableEntity && ++tries < 200
            && await Task.Delay(25).ContinueWith(_ => true)); // until ALFA has a price
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "carol" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "alice" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "Carol" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "../x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("api/v1/bots", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "dave" })).StatusCode);
        var full = await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "erin" });
        Assert.Equal(HttpStatusCode.Forbidden, full.StatusCode);
        Assert.Equal("registration_full", (await Json(full)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Registration_is_closed_unless_the_configuration_opens_it()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Client();
        var refused = await anonymous.PostAsJsonAsync("api/v1/bots", new { name = "carol" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("registration_closed", (await Json(refused)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_registered_bot_keeps_its_account_and_its_token_across_a_restart_and_still_counts_towards_the_limit()
    {
        var dataDir = Directory.CreateTempSubdirectory("akka-trading-registration-").FullName;
        const string open = "registration { open = true, initial-cash = 2500, max-bots = 1 }";
        string token;
        await using (var first = await TestServer.StartAsync(open, dataDir: dataDir))
        {
            var registered = await first.Client().PostAsJsonAsync("api/v1/bots", new { name = "carol" });
            token = (await Json(registered)).GetProperty("token").GetString()!;
        }

        await using (var second = await TestServer.StartAsync(open, dataDir: dataDir))
        {
            using var carol = second.Client(token);
            var account = await Json(await carol.GetAsync("api/v1/account"));
            Assert.Equal(("carol", 2500m), (account.GetProperty("bot").GetString(), account.GetProperty("cash").GetDecimal()));
            var dave = await second.Client().PostAsJsonAsync("api/v1/bots", new { name = "dave" });
            Assert.Equal(HttpStatusCode.Forbidden, dave.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await second.Client("not-" + token).GetAsync("api/v1/account")).StatusCode);
        }

        // listed in the configuration now: the configured token is carol's only one
        const string configured = "carol-configured-token-0123";
        await using var third = await TestServer.StartAsync(open + $$"""

            remote-bots = [
              { name = alice, token = "{{TestServer.AliceToken}}", initial-cash = 10000 }
              { name = carol, token = "{{configured}}", initial-cash = 2500 }
            ]
            """, dataDir: dataDir);
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.Client(token).GetAsync("api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.Client(configured).GetAsync("api/v1/account")).StatusCode);
        Directory.Delete(dataDir, recursive: true);
    }
}
