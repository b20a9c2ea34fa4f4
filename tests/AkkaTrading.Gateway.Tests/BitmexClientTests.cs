using AkkaTrading.Tests.Shared;

namespace AkkaTrading.Gateway.Tests;

/// <summary>Unmodified BitMEX clients, driven from Node as separate processes, against the dialect.</summary>
public sealed class BitmexClientTests : IAsyncLifetime
{
    private BitmexServer _server = null!;

    public async Task InitializeAsync() => _server = await BitmexServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // the classic exercise (10 fairPrice quotes), plus a position table that sees the bot's own order
    private const string RealtimeScript = """
        const BitMEXClient = require('bitmex-realtime-api');
        const crypto = require('crypto');
        const [endpoint, httpEndpoint, key, secret] = process.argv.slice(2);
        const client = new BitMEXClient({ endpoint, httpEndpoint, apiKeyID: key, apiKeySecret: secret });
        client.on('error', e => { console.error('error', e); process.exit(1); });
        setTimeout(() => { console.error('timed out'); process.exit(1); }, 30000);
        let quotes = 0, ordered = false, answered = false, held = false;
        const finish = () => { if (quotes >= 10 && answered && held) process.exit(0); };
        client.addStream('XBTUSD', 'instrument', data => {
          if (quotes < 10) console.log('fairPrice ' + data[data.length - 1].fairPrice);
          quotes++;
          finish();
        });
        async function order() {
          const path = '/api/v1/order', expires = Math.round(Date.now() / 1000) + 60;
          const body = JSON.stringify({ symbol: 'XBTUSD', side: 'Buy', orderQty: 3, ordType: 'Market' });
          const signature = crypto.createHmac('sha256', secret).update('POST' + path + expires + body).digest('hex');
          const answer = await fetch(new URL(path, httpEndpoint), { method: 'POST', body,
            headers: { 'content-type': 'application/json', 'api-key': key, 'api-expires': String(expires), 'api-signature': signature } });
          console.log('order ' + answer.status);
          answered = true; // the position's update may come before the order's answer
          finish();
        }
        client.addStream('XBTUSD', 'position', data => {
          const position = data[data.length - 1];
          console.log('position ' + position.currentQty);
          if (!ordered) { ordered = true; order(); }
          if (position.currentQty === 3) { held = true; finish(); }
        });
        """;

    private const string CcxtScript = """
        const ccxt = require('ccxt');
        const [base, apiKey, secret] = process.argv.slice(2);
        const exchange = new ccxt.pro.bitmex({ apiKey, secret });
        exchange.urls.api = { public: base, private: base, ws: base.replace('http', 'ws') + '/realtime' };
        (async () => {
          await exchange.loadHttpProxyAgent(); // ccxt's own requirement for a plain ws:// URL (no TLS on loopback)
          await exchange.loadMarkets();
          const market = Object.values(exchange.markets).find(m => m.id === 'XBTUSD');
          const symbol = market.symbol;
          console.log('market ' + symbol + ' ' + market.type + ' lot ' + market.precision.amount);
          const ticker = await exchange.fetchTicker(symbol);
          console.log('ticker ' + (ticker.last > 0));
          const order = await exchange.createOrder(symbol, 'market', 'buy', 1);
          console.log('order ' + order.status + ' filled ' + order.filled + ' remaining ' + order.remaining + ' at ' + (order.average > 0));
          const balance = await exchange.fetchBalance();
          console.log('balance ' + (balance.USD.free < 10000) + ' base ' + balance[market.base].total);
          const positions = await exchange.fetchPositions();
          console.log('position ' + positions.find(p => p.symbol === symbol).contracts);
          for (let i = 0; i < 3; i++) console.log('watch ' + ((await exchange.watchTicker(symbol)).last > 0));
          await exchange.close();
          process.exit(0);
        })().catch(e => { console.error('failed', e); process.exit(1); });
        """;

    private async Task<string> RunAsync(string script, params string[] arguments)
    {
        var dir = ExternalTools.NodeModules();
        var path = Path.Combine(dir, $"bitmex-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(path, script);
        try
        {
            var (code, output) = await Task.Run(() => ExternalTools.Run("node", dir, TimeSpan.FromSeconds(90), [path, .. arguments]));
            Assert.True(code == 0, output);
            return output;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public async Task The_official_realtime_package_prints_10_fair_prices_and_sees_its_position_with_auth()
    {
        var output = await RunAsync(RealtimeScript, _server.Realtime.ToString(),
            new Uri(_server.BaseAddress, "api/v1").ToString(), BitmexServer.ApiKey, BitmexServer.ApiSecret);

        var quotes = output.Split('\n').Where(l => l.StartsWith("fairPrice ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, quotes.Count);
        Assert.All(quotes, q => Assert.True(decimal.Parse(q[10..], System.Globalization.CultureInfo.InvariantCulture) > 0, q));
        Assert.Contains("position 0", output);
        Assert.Contains("order 200", output);
        Assert.Contains("position 3", output);
    }

    [SkippableFact]
    public async Task Ccxt_loads_markets_fetches_a_ticker_buys_at_market_reads_balance_and_positions_and_watches_the_ticker()
    {
        var output = await RunAsync(CcxtScript, _server.BaseAddress.ToString().TrimEnd('/'), BitmexServer.ApiKey,
            BitmexServer.ApiSecret);

        Assert.Contains("market BTC/USD spot lot 1", output);
        Assert.Contains("ticker true", output);
        Assert.Contains("order closed filled 1 remaining 0 at true", output);
        Assert.Contains("balance true base 1", output);
        Assert.Contains("position 1", output);
        Assert.Equal(3, output.Split('\n').Count(l => l.Trim() == "watch true"));
    }
}
