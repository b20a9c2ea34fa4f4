using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AkkaTrading.Gateway.Tests;

/// <summary>With <c>public-reads = false</c> the BitMEX dialect, like the native API, shows instruments and trades to keys only.</summary>
public sealed class BitmexPrivateReadsTests
{
    [Fact]
    public async Task Instruments_and_public_tables_need_a_key_when_reads_are_not_public()
    {
        await using var server = await BitmexServer.StartAsync(publicReads: false);
        using var http = server.Client();

        using (var anonymous = await http.GetAsync("api/v1/instrument/active"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var signed = await http.SendAsync(BitmexServer.Signed(HttpMethod.Get, "/api/v1/instrument/active")))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            Assert.Contains("XBTUSD", (await signed.Content.ReadFromJsonAsync<JsonElement>()).ToString());
        }

        using var socket = await server.ConnectAsync();
        await socket.ReceiveJsonAsync(); // the welcome
        await socket.SendAsync("""{"op":"subscribe","args":["instrument:XBTUSD"]}""");
        Assert.Equal(401, (await socket.ReceiveJsonAsync()).GetProperty("status").GetInt32());
    }
}
