using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>A minimal Server-Sent Events client over HttpClient: reads events (id, event, data) as they come.</summary>
public sealed class SseReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event that is not a heartbeat, within the time given.</summary>
    public async Task<(string? Id, string Type, JsonElement Data)> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        string? id = null, type = "message", data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (data is not null && type != "heartbeat") return (id, type, JsonDocument.Parse(data).RootElement);
                (id, type, data) = (null, "message", null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
