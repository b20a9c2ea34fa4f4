using Akka.TestKit.Xunit2;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Feeds;
using AkkaTrading.Engine.Settings;
using AkkaTrading.Tests.Shared;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>A BitMEX-protocol source against a fake server on loopback, with a probe as its exchange.</summary>
public sealed class BitmexSourceActorTests : TestKit
{
    private static readonly BitmexFeedTiming Quick =
        new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));

    private static BitmexSourceSettings Source(Uri url) => new("BTC", url, "XBTUSD", "fairPrice", TimeSpan.FromMilliseconds(50));

    [Fact]
    public async Task Each_quote_is_the_asset_s_price_at_the_exchange_in_arrival_order()
    {
        await using var server = new FakeBitmexServer(BitmexRecording.ReplayAsync);
        var exchange = CreateTestProbe();
        Sys.ActorOf(BitmexSourceActor.Props(Source(server.Url), Quick, exchange));

        foreach (var price in BitmexRecording.FairPrices)
            Assert.Equal(new PriceTick("BTC", price), await exchange.ExpectMsgAsync<PriceTick>(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_dropped_feed_is_reconnected_and_its_prices_go_on()
    {
        var connection = 0;
        await using var server = new FakeBitmexServer(async c =>
        {
            var first = Interlocked.Increment(ref connection) == 1;
            await c.ReceiveAsync();
            await c.SendAsync(BitmexRecording.Partial);
            if (first) c.Drop();
            else
            {
                await c.SendAsync(BitmexRecording.Updates[0]);
                while (await c.ReceiveAsync() is not null) { }
            }
        });
        var exchange = CreateTestProbe();
        Sys.ActorOf(BitmexSourceActor.Props(Source(server.Url), Quick, exchange));

        var prices = new List<decimal>();
        for (var i = 0; i < 3; i++) prices.Add((await exchange.ExpectMsgAsync<PriceTick>(TimeSpan.FromSeconds(10))).Price);
        Assert.Equal([43211.02m, 43211.02m, 43212.5m], prices);
        Assert.Equal(2, server.Connections);
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(5, 1600)]
    [InlineData(9, 25600)]
    [InlineData(10, 30000)]
    [InlineData(1000, 30000)]
    public void The_retry_delay_doubles_up_to_its_cap(int failures, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), BitmexSourceActor.RetryDelay(TimeSpan.FromMilliseconds(100), failures));
}
