using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>A real <see cref="ClientWebSocket"/> on <c>/api/v1/ws</c> that reads JSON messages, each read bounded in time.</summary>
public sealed class SocketClient : IDisposable
{
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);

    private SocketClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <param name="receiveBuffer">the client's TCP receive buffer in bytes: with a small one, a client that stops reading soon blocks the
    /// server's sends</param>
    public static async Task<SocketClient> ConnectAsync(TestServer server, string? token = null, int? receiveBuffer = null)
    {
        var socket = new ClientWebSocket();
        if (token is not null) socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancel) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBuffer is { } size) tcp.ReceiveBufferSize = size; // before connecting, so the window starts small
                await tcp.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(tcp, ownsSocket: true);
            },
        };
        var uri = new Uri(new Uri(server.BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), "api/v1/ws");
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), timeout.Token);
        return new SocketClient(socket);
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next message; null when the server closed the socket (see <see cref="ClientWebSocket.CloseStatus"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived) // answer the server's close frame, as a polite client does
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                return null;
            }
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement;
    }

    /// <summary>Reads until a message matches (within <see cref="ReadTimeout"/>), keeping those read in <paramref name="seen"/>.</summary>
    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match, List<JsonElement>? seen = null)
    {
        var deadline = DateTime.UtcNow + ReadTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var message = await ReceiveAsync()
                ?? throw new InvalidOperationException($"closed: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
            seen?.Add(message);
            if (match(message)) return message;
        }
        throw new TimeoutException("no matching message");
    }

    /// <summary>Every message until the server's close frame, which must come within <paramref name="seconds"/>.</summary>
    public async Task<List<JsonElement>> ReceiveToCloseAsync(int seconds = 30)
    {
        var messages = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await ReceiveAsync() is not { } message) return messages;
            messages.Add(message);
        }
        throw new TimeoutException("not closed");
    }

    public static string? Op(JsonElement message) => message.TryGetProperty("op", out var op) ? op.GetString() : null;
    public static string? Type(JsonElement message) => message.TryGetProperty("type", out var type) ? type.GetString() : null;
    public static long Seq(JsonElement message) => message.GetProperty("seq").GetInt64();
    public static string? Text(JsonElement message, string name) => message.GetProperty(name).GetString();

    public void Dispose() => Socket.Dispose();
}
