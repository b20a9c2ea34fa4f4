using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>Long polling and SSE on a real Kestrel: events after a cursor in the exchange's order, resumed with no gap or
/// duplicate.</summary>
public sealed class StreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Long_polling_answers_the_events_after_the_cursor_or_204_at_the_timeout()
    {
        using var client = _server.Client();
        var first = await Json(await client.GetAsync("api/v1/events?after=0&topics=prices&timeout=10"));
        var seqs = first.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.NotEmpty(seqs);
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs[^1], first.GetProperty("next").GetInt64());

        var next = await Json(await client.GetAsync($"api/v1/events?after={seqs[^1]}&topics=prices&timeout=10"));
        Assert.True(next.GetProperty("events")[0].GetProperty("seq").GetInt64() > seqs[^1]);

        using var alice = _server.Client(TestServer.AliceToken);
        var quiet = await alice.GetAsync("api/v1/events?topics=fills&timeout=0.3"); // alice trades nothing: no fill comes
        Assert.Equal(HttpStatusCode.NoContent, quiet.StatusCode);
    }

    [Fact]
    public async Task Fills_need_a_token_and_a_bot_gets_its_own_fills_and_rejections_only()
    {
        using var anonymous = _server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/events?topics=fills&timeout=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("api/v1/events?topics=gossip&timeout=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("api/v1/events?timeout=NaN")).StatusCode);
        var unbound = await anonymous.GetAsync("api/v1/events?after=abc");
        Assert.Equal(HttpStatusCode.BadRequest, unbound.StatusCode);
        Assert.Contains("after", (await Json(unbound)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync($"api/v1/events?after={long.MaxValue}&timeout=0")).StatusCode);

        using var alice = _server.Client(TestServer.AliceToken);
        using var bob = _server.Client(TestServer.BobToken);
        var start = (await Json(await alice.GetAsync("api/v1/events?after=0&topics=prices&timeout=10"))).GetProperty("next").GetInt64();
        await alice.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side = "buy", quantity = 1, clientOrderId = "f-1" });
        await alice.PostAsJsonAsync("api/v1/orders", new { asset = "ALFA", side = "buy", quantity = 1_000_000, clientOrderId = "f-2" });

        var mine = await Json(await alice.GetAsync($"api/v1/events?after={start}&topics=fills&timeout=10"));
        Assert.Equal(["fill", "rejection"], mine.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("f-2", mine.GetProperty("events")[1].GetProperty("data").GetProperty("clientOrderId").GetString());
        var theirs = await bob.GetAsync($"api/v1/events?after={start}&topics=fills&timeout=0.3");
        Assert.Equal(HttpStatusCode.NoContent, theirs.StatusCode);
    }

    [Fact]
    public async Task Sse_streams_envelopes_with_seq_ids_and_resumes_from_last_event_id_with_no_gap_or_duplicate()
    {
        using var client = _server.Client();
        var received = new List<long>();
        using (var stream = await SseReader.OpenAsync(client, "api/v1/stream?topics=prices&after=0"))
        {
            for (var i = 0; i < 5; i++)
            {
                var (id, type, data) = await stream.NextAsync(Within);
                Assert.Equal("price", type);
                Assert.Equal(id, data.GetProperty("seq").GetInt64().ToString());
                received.Add(data.GetProperty("seq").GetInt64());
            }
        }
        using (var resumed = await SseReader.OpenAsync(client, "api/v1/stream?topics=prices", lastEventId: received[^1].ToString()))
            for (var i = 0; i < 5; i++) received.Add((await resumed.NextAsync(Within)).Data.GetProperty("seq").GetInt64());

        var log = await Json(await client.GetAsync($"api/v1/events?after=0&topics=prices&timeout=0"));
        var expected = log.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).Take(received.Count)
            .ToList();
        Assert.Equal(expected, received);
    }

    [Fact]
    public async Task A_cursor_older_than_the_kept_log_is_gone_on_every_transport()
    {
        await using var small = await TestServer.StartAsync("event-log-size = 20", interval: "5ms");
        using var client = small.Client();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await Json(await client.GetAsync("api/v1/prices"))).GetProperty("seq").GetInt64() <= 40)
        {
            Assert.True(waited.Elapsed < Within, "the log never wrapped");
            await Task.Delay(10);
        }
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync("api/v1/events?after=1&timeout=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync("api/v1/trades?after=1")).StatusCode);
        var sse = await client.GetAsync("api/v1/stream?after=1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Gone, sse.StatusCode);
        Assert.Contains("resync from a snapshot", (await Json(sse)).GetProperty("message").GetString());

        // a cursor from before a restart (ahead of the log) is gone too, rather than waiting for the seq to come round again
        var ahead = await client.GetAsync("api/v1/events?after=999999999&timeout=5");
        Assert.Equal(HttpStatusCode.Gone, ahead.StatusCode);
        Assert.StartsWith("gone: seq 999999999 is ahead of the newest event", (await Json(ahead)).GetProperty("message").GetString());
    }
}
