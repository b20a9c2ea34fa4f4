using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Scenarios;
using AkkaTrading.Engine.Actors;
using static AkkaTrading.Engine.Protocol.Replay;

namespace AkkaTrading.Engine.Tests.Actors;

public sealed class ReplayClockActorTests : TestKit
{
    [Fact]
    public async Task It_hands_out_the_scenario_in_batches_and_marks_the_last()
    {
        var steps = Enumerable.Range(0, 3).Select(i => ExchangeActorTests.Step(i, ("ALFA", 10m + i)));
        var clock = Sys.ActorOf(ReplayClockActor.Props(steps));

        clock.Tell(new RequestSteps(2));
        var first = await ExpectMsgAsync<StepBatch>();
        Assert.Equal([0L, 1L], first.Steps.Select(s => s.Step));
        Assert.False(first.IsLast);
        clock.Tell(new RequestSteps(2));
        var second = await ExpectMsgAsync<StepBatch>();
        Assert.Equal([2L], second.Steps.Select(s => s.Step));
        Assert.True(second.IsLast);
    }

    [Fact]
    public async Task A_mistake_met_while_streaming_is_reported_not_thrown()
    {
        var clock = Sys.ActorOf(ReplayClockActor.Props(CsvScenario.Read(new StringReader("step,asset,price\n0,ALFA,1\n1,ALFA,oops\n"),
            "s.csv")));
        clock.Tell(new RequestSteps(10));
        Assert.Equal("s.csv, line 3: price 'oops' is not a decimal number (use '.' as the separator)",
            (await ExpectMsgAsync<Failed>()).Reason);
    }
}
