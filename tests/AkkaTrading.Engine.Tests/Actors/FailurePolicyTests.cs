using Akka.Actor;
using AkkaTrading.Engine.Hosting;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>Failure policy per mode: a batch run stops on any failure; a server keeps running, the failed actor with its state.</summary>
public sealed class FailurePolicyTests
{
    private const string Quiet = "\nakka.loglevel = OFF\nakka.stdout-loglevel = OFF";

    [Fact]
    public async Task In_a_batch_run_a_failing_actor_stops_the_whole_actor_system()
    {
        var system = ActorSystem.Create("fail-fast", StopOnFailure.Hocon + Quiet);
        var actor = system.ActorOf(Props.Create(() => new Counter()));
        actor.Tell("boom");
        var terminated = await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(system.WhenTerminated, terminated);
    }

    [Fact]
    public async Task In_a_server_a_failing_actor_resumes_with_its_state_and_the_system_keeps_running()
    {
        var system = ActorSystem.Create("keep-serving", KeepServing.Hocon + Quiet);
        try
        {
            var actor = system.ActorOf(Props.Create(() => new Counter()));
            actor.Tell(1);
            actor.Tell("boom");
            actor.Tell(1);
            Assert.Equal(2, await actor.Ask<int>("count", TimeSpan.FromSeconds(10)));
            Assert.False(system.WhenTerminated.IsCompleted);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Counts what it is told; "boom" fails it.</summary>
    private sealed class Counter : ReceiveActor
    {
        private int _count;

        public Counter()
        {
            Receive<int>(n => _count += n);
            Receive<string>(s => s == "count", _ => Sender.Tell(_count));
            Receive<string>(_ => throw new InvalidOperationException("boom"));
        }
    }
}
