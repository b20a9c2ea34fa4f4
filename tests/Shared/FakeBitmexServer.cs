using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace AkkaTrading.Tests.Shared;

/// <summary>
/// A WebSocket server on a free loopback port that plays a test's part of BitMEX's realtime protocol: each connection is
/// handed to <c>serve</c>, which sends and receives text frames (e.g. replays <see cref="BitmexRecording"/>).
/// Built on a bare TCP listener, so it needs no web framework. Linked into each test project that needs it.
/// </summary>
public sealed class FakeBitmexServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    public FakeBitmexServer(Func<Connection, Task> serve)
    {
        _listener.Start();
        _accepting = AcceptAsync(serve);
    }

    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/realtime");

    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync(Func<Connection, Task> serve)
    {
        var running = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                running.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        var socket = await UpgradeAsync(client.GetStream(), _stop.Token);
                        using var connection = new Connection(socket, _stop.Token);
                        try
                        {
                            await serve(connection);
                        }
                        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
                        {
                            // the client went away or the server stops
                        }
                    }
                }));
            }
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Answers the HTTP upgrade request (RFC 6455 handshake) and speaks WebSocket on the stream.</summary>
    private static async Task<WebSocket> UpgradeAsync(NetworkStream stream, CancellationToken cancel)
    {
        var request = new StringBuilder();
        var one = new byte[1];
        while (!request.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && request.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(one, cancel) == 0) throw new IOException("closed during the handshake");
            request.Append((char)one[0]);
        }
        var key = request.ToString().Split("\r\n").Select(line => line.Split(':', 2))
            .First(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Accept: {accept}\r\n\r\n"), cancel);
        return WebSocket.CreateFromStream(stream, isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>One client's connection, text frames only.</summary>
    public sealed class Connection(WebSocket socket, CancellationToken stop) : IDisposable
    {
        public Task SendAsync(string text) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, stop);

        /// <summary>The next text frame, or null when the client closed.</summary>
        public async Task<string?> ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            var text = new StringBuilder();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, stop);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (result.EndOfMessage) return text.ToString();
            }
        }

        public Task CloseAsync(string reason) => socket.CloseAsync(WebSocketCloseStatus.NormalClosure, reason, stop);

        /// <summary>Ends the connection without a closing handshake, as a crashed server would.</summary>
        public void Drop() => socket.Abort();

        public void Dispose() => socket.Dispose();
    }
}

/// <summary>Frames in the shapes BitMEX's realtime API sends for <c>instrument:XBTUSD</c>: the welcome, the acknowledgement,
/// a partial, and updates (one without <c>fairPrice</c>, one of another symbol).</summary>
public static class BitmexRecording
{
    // frames may span lines here: JSON allows the whitespace, and every reader of these frames parses them
    public const string Welcome = """
        {"info":"Welcome to the BitMEX Realtime API.","version":"2.0.0","timestamp":"2026-11-24T10:00:00.000Z",
         "docs":"https://www.bitmex.com/app/wsAPI","limit":{"remaining":39}}
        """;

    public const string Subscribed = """
        {"success":true,"subscribe":"instrument:XBTUSD","request":{"op":"subscribe","args":["instrument:XBTUSD"]}}
        """;

    public const string Partial = """
        {"table":"instrument","action":"partial","keys":["symbol"],
         "types":{"symbol":"symbol","lastPrice":"float","markPrice":"float","fairPrice":"float","timestamp":"timestamp"},
         "foreignKeys":{},"attributes":{"symbol":"unique"},"filter":{"symbol":"XBTUSD"},
         "data":[{"symbol":"XBTUSD","lastPrice":43210.5,"markPrice":43211.02,"fairPrice":43211.02,"bidPrice":43210,"askPrice":43210.5,
                  "timestamp":"2026-11-24T10:00:00.000Z"}]}
        """;

    /// <summary>fairPrice 43212.5, then an update without it, then another symbol's, then 43209.75.</summary>
    public static readonly string[] Updates =
    [
        Update("""{"symbol":"XBTUSD","fairPrice":43212.5,"markPrice":43212.5,"timestamp":"2026-11-24T10:00:05.000Z"}"""),
        Update("""{"symbol":"XBTUSD","lastPrice":43213,"timestamp":"2026-11-24T10:00:06.000Z"}"""),
        Update("""{"symbol":"ETHUSD","fairPrice":2301.25,"timestamp":"2026-11-24T10:00:06.000Z"}"""),
        Update("""{"symbol":"XBTUSD","fairPrice":43209.75,"markPrice":43209.75,"timestamp":"2026-11-24T10:00:10.000Z"}"""),
    ];

    private static string Update(string row) => $$"""{"table":"instrument","action":"update","data":[{{row}}]}""";

    /// <summary>The fairPrices of XBTUSD in the frames above, in order.</summary>
    public static readonly decimal[] FairPrices = [43211.02m, 43212.5m, 43209.75m];

    /// <summary>Refuses the subscription as BitMEX does an unknown symbol, and waits for the client to leave.</summary>
    public static async Task RefuseAsync(FakeBitmexServer.Connection connection)
    {
        await connection.ReceiveAsync();
        await connection.SendAsync("""{"status":400,"error":"Unknown or expired symbol.","meta":{},"request":{}}""");
        await connection.ReceiveAsync();
    }

    /// <summary>Plays the recording as BitMEX does: the welcome, then on the subscription its acknowledgement, the partial and
    /// the updates; then answers pings until the client leaves.</summary>
    public static async Task ReplayAsync(FakeBitmexServer.Connection connection)
    {
        await connection.SendAsync(Welcome);
        while (await connection.ReceiveAsync() is { } text)
        {
            if (text == "ping") await connection.SendAsync("pong");
            else if (text.Contains("\"subscribe\"", StringComparison.Ordinal))
                foreach (var frame in (string[])[Subscribed, Partial, .. Updates]) await connection.SendAsync(frame);
        }
    }
}
