using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>Webhooks on a real Kestrel delivering to a real receiver: registration, ownership, signatures, order, retries.</summary>
public sealed class WebhookTests
{
    private const string Fast =
        "orders-per-second = 1000, order-burst = 1000, webhooks { first-retry = 20ms, timeout = 500ms, max-attempts = 3 }";

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static Task<HttpResponseMessage> Register(HttpClient client, object url, string[]? topics = null) =>
        client.PostAsJsonAsync("api/v1/webhooks", new { url, topics });

    private static async Task<JsonElement> RegisterOk(HttpClient client, WebhookReceiver receiver)
    {
        var response = await Register(client, receiver.Url.ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hook = await Json(response);
        receiver.Secret = hook.GetProperty("secret").GetString()!;
        return hook;
    }

    private static async Task<JsonElement> Status(HttpClient client, JsonElement hook) =>
        (await Json(await client.GetAsync($"api/v1/webhooks/{hook.GetProperty("id").GetString()}"))).GetProperty("status");

    /// <summary>An order over REST; its seq. Waits (bounded) for prices first so that it can fill.</summary>
    private static async Task<long> Order(HttpClient client, string side, int quantity, string id)
    {
        await WebhookReceiver.Until(async () => (await Json(await client.GetAsync("api/v1/prices"))).GetProperty("prices")
            .EnumerateObject().Count() == 2, "prices");
        var response = await client.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side, quantity, clientOrderId = id });
        return (await Json(response)).GetProperty("seq").GetInt64();
    }

    private static async Task BadUrl(HttpClient client, string? url)
    {
        var response = await Register(client, url!);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("'url' ", (await Json(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Only_the_owning_bot_sees_or_deletes_its_webhooks()
    {
        await using var server = await TestServer.StartAsync(Fast);
        using var anonymous = server.Client();
        using var alice = server.Client(TestServer.AliceToken);
        using var bob = server.Client(TestServer.BobToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Register(anonymous, "http://127.0.0.1:9/hook")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/webhooks")).StatusCode);

        var created = await Register(alice, "http://127.0.0.1:9/hook");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = await Json(created);
        var id = hook.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location!.ToString());
        Assert.StartsWith("whsec_", hook.GetProperty("secret").GetString());
        Assert.Equal(32, Convert.FromBase64String(hook.GetProperty("secret").GetString()!["whsec_".Length..]).Length);
        Assert.Equal(["fills"], hook.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("active", hook.GetProperty("status").GetProperty("state").GetString());

        var listed = (await Json(await alice.GetAsync("api/v1/webhooks"))).GetProperty("webhooks");
        Assert.Equal(id, listed.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.False(listed[0].TryGetProperty("secret", out _));

        Assert.Empty((await Json(await bob.GetAsync("api/v1/webhooks"))).GetProperty("webhooks").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"api/v1/webhooks/{id}")).StatusCode);
        Assert.Single((await Json(await alice.GetAsync("api/v1/webhooks"))).GetProperty("webhooks").EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"api/v1/webhooks/{id}")).StatusCode);
        Assert.Empty((await Json(await alice.GetAsync("api/v1/webhooks"))).GetProperty("webhooks").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await alice.DeleteAsync($"api/v1/webhooks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Topics_urls_and_the_number_of_webhooks_are_checked()
    {
        await using var server = await TestServer.StartAsync(Fast);
        using var alice = server.Client(TestServer.AliceToken);
        var prices = await Register(alice, "http://127.0.0.1:9/hook", ["prices"]);
        Assert.Equal(HttpStatusCode.BadRequest, prices.StatusCode);
        Assert.StartsWith("'topics' ", (await Json(prices)).GetProperty("message").GetString());
        var trades = await Json(await Register(alice, "http://localhost:9/hook", ["trades", "fills"]));
        Assert.Equal(["trades", "fills"], trades.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));

        await BadUrl(alice, null);
        await BadUrl(alice, "not a url");
        await BadUrl(alice, "ftp://127.0.0.1/hook");
        await BadUrl(alice, "http://user:pass@127.0.0.1/hook");
        await BadUrl(alice, "http://10.1.2.3/hook");
        await BadUrl(alice, "http://93.184.216.34:80/hook");
        await BadUrl(alice, "http://no-such-host.invalid/hook");

        Assert.Equal(HttpStatusCode.Created, (await Register(alice, "http://[::1]:9/hook")).StatusCode);
        for (var i = 2; i < 10; i++)
            Assert.Equal(HttpStatusCode.Created, (await Register(alice, $"http://127.0.0.1:9/hook{i}")).StatusCode);
        var tooMany = await Register(alice, "http://127.0.0.1:9/hook10");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.StartsWith("'webhooks' ", (await Json(tooMany)).GetProperty("message").GetString());
        using var bob = server.Client(TestServer.BobToken);
        Assert.Equal(HttpStatusCode.Created, (await Register(bob, "http://127.0.0.1:9/hook")).StatusCode);
    }

    [Fact]
    public async Task Fills_and_rejections_arrive_signed_in_seq_order()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var alice = server.Client(TestServer.AliceToken);
        using var bob = server.Client(TestServer.BobToken);
        var hook = await RegisterOk(alice, receiver);

        var seqs = new List<long> { await Order(alice, "buy", 2, "a-1") };
        await Order(bob, "buy", 1, "b-1"); // bob's: not for alice's webhook
        seqs.Add(await Order(alice, "sell", 1, "a-2"));
        seqs.Add(await Order(alice, "sell", 5, "a-3")); // more than she holds: a rejection
        await WebhookReceiver.Until(async () => (await Status(alice, hook)).GetProperty("delivered").GetInt64() == 3, "three deliveries");

        var got = receiver.Accepted.ToList();
        Assert.Equal(seqs, got.Select(d => d.Seq));
        Assert.Equal(["fill", "fill", "rejection"], got.Select(d => d.Envelope.GetProperty("type").GetString()));
        Assert.Equal(["a-1", "a-2", "a-3"], got.Select(d => d.Envelope.GetProperty("data").GetProperty("clientOrderId").GetString()));
        Assert.Equal(3, got.Select(d => d.Id).Distinct().Count());
        Assert.Equal(0, receiver.BadSignatures);
        var status = await Status(alice, hook);
        Assert.Equal(seqs[^1], status.GetProperty("lastSeq").GetInt64());
        Assert.Equal("active", status.GetProperty("state").GetString());

        var first = got[0];
        Assert.True(WebhookReceiver.Verify(receiver.Secret, first.Id, first.Timestamp, first.Body, first.Signature));
        var tampered = first.Body.Replace("\"buy\"", "\"sell\"");
        Assert.NotEqual(first.Body, tampered);
        Assert.False(WebhookReceiver.Verify(receiver.Secret, first.Id, first.Timestamp, tampered, first.Signature));
        Assert.False(WebhookReceiver.Verify(receiver.Secret, got[1].Id, first.Timestamp, first.Body, first.Signature));
        var old = (long.Parse(first.Timestamp) - 600).ToString();
        Assert.False(WebhookReceiver.Verify(receiver.Secret, first.Id, old, first.Body, first.Signature));
    }

    [Fact]
    public async Task A_receiver_failing_then_answering_gets_every_event_in_order_once_even_after_falling_behind()
    {
        await using var server = await TestServer.StartAsync(Fast + "\nqueue-size = 16");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = attempt => attempt switch { 1 => 500, 2 => WebhookReceiver.Hang, _ => 204 };
        using var alice = server.Client(TestServer.AliceToken);
        var hook = await RegisterOk(alice, receiver);

        var seqs = new List<long>();
        for (var i = 0; i < 30; i++) seqs.Add(await Order(alice, "buy", 1, $"a-{i}")); // more than a live queue holds
        await WebhookReceiver.Until(async () => (await Status(alice, hook)).GetProperty("delivered").GetInt64() == seqs.Count,
            "every delivery");

        Assert.Equal(seqs, receiver.Accepted.Select(d => d.Seq));
        Assert.Equal(seqs.Count + 2, receiver.Attempts);
        var status = await Status(alice, hook);
        Assert.Equal("active", status.GetProperty("state").GetString());
        Assert.Equal(0, status.GetProperty("failuresInARow").GetInt32());
        Assert.Contains("no answer within 0.5s", status.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Failing_max_attempts_times_disables_the_webhook()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 503;
        using var alice = server.Client(TestServer.AliceToken);
        var hook = await RegisterOk(alice, receiver);

        var seq = await Order(alice, "buy", 1, "a-1");
        await WebhookReceiver.Until(async () => (await Status(alice, hook)).GetProperty("state").GetString() == "disabled", "disabled");
        await Order(alice, "buy", 1, "a-2");
        await Task.Delay(300);

        Assert.Equal(3, receiver.Attempts);
        var status = await Status(alice, hook);
        Assert.Equal(3, status.GetProperty("failuresInARow").GetInt32());
        Assert.Equal(0, status.GetProperty("delivered").GetInt64());
        Assert.Equal($"seq {seq} failed 3 attempts, the last: HTTP 503 Service Unavailable", status.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task Gone_disables_the_webhook_at_once()
    {
        await using var server = await TestServer.StartAsync(Fast);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 410;
        using var alice = server.Client(TestServer.AliceToken);
        var hook = await RegisterOk(alice, receiver);

        var seq = await Order(alice, "buy", 1, "a-1");
        await WebhookReceiver.Until(async () => (await Status(alice, hook)).GetProperty("state").GetString() == "disabled",
            "disabled", then: async () => $"{await Status(alice, hook)} attempts {receiver.Attempts} bad {receiver.BadSignatures}");
        await Task.Delay(200);
        Assert.Equal(1, receiver.Attempts);
        Assert.Equal($"the receiver answered 410 Gone to seq {seq}", (await Status(alice, hook)).GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task A_position_the_log_no_longer_holds_disables_the_webhook_with_the_reason()
    {
        await using var server = await TestServer.StartAsync(Fast + "\nqueue-size = 16, event-log-size = 16");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = attempt => attempt == 1 ? WebhookReceiver.Hang : 200;
        using var alice = server.Client(TestServer.AliceToken);
        var hook = await RegisterOk(alice, receiver);

        var seq = await Order(alice, "buy", 1, "a-1");
        // While the first delivery hangs, more of alice's own fills than her queue holds: the delivery falls behind
        // and must resume from the log, which by then has moved past a-1.
        for (var i = 2; i < 40; i++) await Order(alice, "buy", 1, $"a-{i}");
        await WebhookReceiver.Until(async () => (await Status(alice, hook)).GetProperty("state").GetString() == "disabled", "disabled");

        var status = await Status(alice, hook);
        Assert.Equal(seq, status.GetProperty("lastSeq").GetInt64());
        Assert.StartsWith($"events after seq {seq} are no longer kept", status.GetProperty("lastError").GetString());
    }

    [Theory]
    [InlineData(1, 0.0, 75)]
    [InlineData(1, 1.0, 125)]
    [InlineData(3, 0.5, 400)]
    [InlineData(40, 0.5, 300_000)]
    public void Backoff_doubles_from_the_first_retry_with_jitter_and_a_cap(int attempt, double random, double milliseconds) =>
        Assert.Equal(milliseconds, Webhooks.WebhookDelivery.Backoff(TimeSpan.FromMilliseconds(100), attempt, random).TotalMilliseconds, 3);
}
