using System.Diagnostics;

namespace AkkaTrading.Gateway.Tests;

/// <summary>Stopping the server with clients attached: an open SSE stream ends at once instead of holding the shutdown for the
/// host's whole timeout.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task An_open_sse_stream_ends_when_the_server_stops_and_does_not_hold_it()
    {
        var server = await TestServer.StartAsync();
        try
        {
            using var client = server.Client();
            using var response = await client.GetAsync("api/v1/stream?topics=prices", HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStreamAsync();
            Assert.True(await body.ReadAsync(new byte[1]) == 1); // streaming

            var stopping = Stopwatch.StartNew();
            await server.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {stopping.Elapsed}");
            // the stream ends (cleanly or cut off): it never hangs
            var rest = new byte[64 * 1024];
            var ended = Task.Run(async () =>
            {
                try { while (await body.ReadAsync(rest) > 0) { } }
                catch (IOException) { }
                catch (HttpRequestException) { }
            });
            await ended.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
