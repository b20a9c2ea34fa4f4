using Akka.TestKit;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Prices;
using AkkaTrading.Engine.Actors;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>A source alone, on virtual time, with a probe as its exchange.</summary>
public sealed class PriceSourceActorTests() : TestKit(@"akka.scheduler.implementation = ""Akka.TestKit.TestScheduler, Akka.TestKit""")
{
    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    [Fact]
    public async Task It_sends_the_seeded_random_walk_once_per_interval()
    {
        var exchange = CreateTestProbe();
        var interval = TimeSpan.FromMilliseconds(250);
        Sys.ActorOf(PriceSourceActor.Props("ALFA", new RandomWalk(100m, 0, 2, seed: 7), interval, exchange));
        var expected = new RandomWalk(100m, 0, 2, seed: 7);

        Assert.Equal(new PriceTick("ALFA", expected.Next()), await exchange.ExpectMsgAsync<PriceTick>()); // the first at once
        for (var i = 0; i < 3; i++)
        {
            await exchange.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
            Scheduler.Advance(interval);
            Assert.Equal(new PriceTick("ALFA", expected.Next()), await exchange.ExpectMsgAsync<PriceTick>());
        }
    }
}
