using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaTrading.Console.Tests;

/// <summary><c>ledger export</c> and <c>ledger verify</c> on the PostgreSQL ledger a configuration names, around real servers.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerPostgresTests(PostgresFixture postgres)
{
    private const string Token = "alice-secret-token-123";

    [SkippableFact]
    public async Task Ledger_export_and_verify_read_a_postgresql_ledger_that_no_server_holds()
    {
        if (!OperatingSystem.IsLinux()) return;
        var config = RepoFiles.ScratchFile("postgres.hocon", $$"""
            akka-trading {
              # a strategy bot that never buys (a dip of 100 %): every trade is one of the test's
              bots = [ { name = idle, strategy = investor, assets = [ALFA], initial-cash = 0, settings { dip-percent = 100 } } ]
              gateway.remote-bots = [ { name = alice, token = "{{Token}}", initial-cash = 10000 } ]
              persistence { provider = postgresql, connection-string = "{{await postgres.NewDatabaseAsync()}}" }
            }
            """);
        using (var server = await ServeProcess.StartAsync("--config", config))
        {
            await BuyAsync(server, "c-1", "c-2");
            var held = await AppRun.RunAsync("ledger", "verify", "--config", config);
            Assert.Equal((2, "error: the PostgreSQL ledger is in use by another running server (its advisory lock is held)\n"),
                (held.ExitCode, held.Error.ReplaceLineEndings("\n")));
            Assert.Equal(0, await server.StopAsync());
        }

        var export = await AppRun.RunAsync("ledger", "export", "--format", "json", "--config", config);
        Assert.True(export.ExitCode == 0, export.Error);
        using var exported = JsonDocument.Parse(export.Output);
        Assert.Equal(["c-1", "c-2"], exported.RootElement.GetProperty("trades").EnumerateArray()
            .Select(t => t.GetProperty("clientOrderId").GetString()));
        var alice = Assert.Single(exported.RootElement.GetProperty("accounts").EnumerateArray(),
            a => a.GetProperty("bot").GetString() == "alice");
        Assert.Equal(2, alice.GetProperty("trades").GetInt32());

        var verify = await AppRun.RunAsync("ledger", "verify", "--config", config);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Matches(@"^ledger verified: \d+ events, 2 accounts, 2 fills, 0 rejections", verify.Output);

        // the readers ran in this process and are done: a server takes the ledger again, with alice's fills
        using var again = await ServeProcess.StartAsync("--config", config);
        using var client = again.Client(Token);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("api/v1/account")).GetProperty("trades").GetInt32());
        Assert.Equal(0, await again.StopAsync());
    }

    [Fact]
    public async Task A_postgresql_server_that_cannot_be_reached_is_one_line_and_exit_2()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        var config = RepoFiles.ScratchFile("postgres.hocon", "akka-trading.persistence { provider = postgresql, " +
            $"connection-string = \"Host=127.0.0.1;Port={port};Username=nobody;Database=ledger;Timeout=5\" }}\n");

        foreach (var args in new[] { ["ledger", "verify", "--config", config], new[] { "ledger", "export", "--config", config } })
        {
            var result = await AppRun.RunAsync(args);
            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("error: the PostgreSQL ledger cannot be opened: ", result.Error);
            Assert.Single(result.Error.TrimEnd().Split('\n'));
            Assert.Equal("", result.Output);
        }
    }

    /// <summary>alice buys one ALFA per client order id, once ALFA has a price.</summary>
    private static async Task BuyAsync(ServeProcess server, params string[] ids)
    {
        using var client = server.Client(Token);
        for (var waited = 0; !(await client.GetFromJsonAsync<JsonElement>("api/v1/prices")).GetProperty("prices")
                 .TryGetProperty("ALFA", out _); waited++)
        {
            Assert.True(waited < 600, "no price for ALFA");
            await Task.Delay(50);
        }
        foreach (var id in ids)
        {
            using var order = await client.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side = "buy", quantity = 1,
                clientOrderId = id });
            Assert.True(order.StatusCode == HttpStatusCode.OK, $"{id}: {(int)order.StatusCode} {await order.Content.ReadAsStringAsync()}");
        }
    }
}
