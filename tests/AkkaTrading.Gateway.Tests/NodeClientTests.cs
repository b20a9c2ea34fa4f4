using AkkaTrading.Tests.Shared;

namespace AkkaTrading.Gateway.Tests;

/// <summary>A bot written in Node with the <c>ws</c> package trades on the server over WebSocket, as a separate process.</summary>
public sealed class NodeClientTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Script = """
        const WebSocket = require('ws');
        const ws = new WebSocket(process.argv[2], { headers: { Authorization: 'Bearer ' + process.argv[3] } });
        const seen = [];
        const fail = m => { console.error(m); process.exit(1); };
        setTimeout(() => fail('timed out; saw ' + JSON.stringify(seen)), 20000);
        ws.on('open', () => ws.send(JSON.stringify({ op: 'subscribe', topics: ['prices', 'fills'] })));
        ws.on('message', data => {
          const m = JSON.parse(data.toString());
          seen.push(m.op || m.type);
          if (m.op === 'subscribed') return;
          if (m.type === 'price' && !seen.includes('sent')) {
            seen.push('sent');
            ws.send(JSON.stringify({ op: 'order', asset: m.data.asset, side: 'buy', quantity: 2, clientOrderId: 'node-1' }));
          }
          if (m.op === 'order') console.log('answer ' + m.status + ' ' + m.clientOrderId);
          if (m.type === 'fill') console.log('fill ' + m.data.side + ' ' + m.data.quantity + ' ' + m.data.clientOrderId);
          // the answer and the fill event may come in either order: done once both are here
          if (seen.includes('order') && seen.includes('fill')) ws.close();
        });
        ws.on('close', () => process.exit(0));
        ws.on('error', e => fail(e.message));
        """;

    [SkippableFact]
    public async Task A_node_bot_streams_prices_orders_and_gets_its_fill_over_websocket()
    {
        var dir = ExternalTools.NodeModules();
        var script = Path.Combine(dir, $"bot-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var url = new Uri(_server.BaseAddress, "api/v1/ws").ToString().Replace("http://", "ws://", StringComparison.Ordinal);
            var (code, output) = await Task.Run(() =>
                ExternalTools.Run("node", dir, TimeSpan.FromSeconds(60), [script, url, TestServer.AliceToken]));

            Assert.True(code == 0, output);
            Assert.Contains("answer filled node-1", output);
            Assert.Contains("fill buy 2 node-1", output);
            using var account = await _server.Client(TestServer.AliceToken).GetAsync("api/v1/account");
            Assert.Contains("\"quantity\":2", await account.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(script);
        }
    }
}
