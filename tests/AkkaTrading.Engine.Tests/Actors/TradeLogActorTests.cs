using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Hosting;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.TradeLogMessages;

namespace AkkaTrading.Engine.Tests.Actors;

public sealed class TradeLogActorTests : TestKit
{
    [Fact]
    public async Task It_writes_every_published_trade_as_a_csv_row_in_order()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var log = TradingSimulationHosting.StartTradeLog(Sys, writer);
        Sys.EventStream.Publish(new TradeExecuted(new Fill(3, "investor", "ALFA", Side.Buy, 10, 95.50m, 0m)));
        Sys.EventStream.Publish(new TradeExecuted(new Fill(7, "investor", "ALFA", Side.Sell, 10, 101.25m, 0.5m)));

        log.Tell(Flush.Instance);

        Assert.Equal(2, (await ExpectMsgAsync<Flushed>()).Rows);
        Assert.Equal("step,bot,side,asset,quantity,price,fee\n3,investor,BUY,ALFA,10,95.50,0\n7,investor,SELL,ALFA,10,101.25,0.5\n",
            writer.ToString());
    }
}
