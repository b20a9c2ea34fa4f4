using Akka.Actor;
using AkkaTrading.Engine.Hosting;

namespace AkkaTrading.Engine.Tests.Actors;

public sealed class StopOnFailureTests
{
    [Fact]
    public async Task A_failing_actor_stops_the_whole_actor_system()
    {
        var system = ActorSystem.Create("fail-fast", StopOnFailure.Hocon + "\nakka.loglevel = OFF\nakka.stdout-loglevel = OFF");
        var actor = system.ActorOf(Props.Create(() => new Thrower()));
        actor.Tell("boom");
        var terminated = await Task.WhenAny(system.WhenTerminated, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(system.WhenTerminated, terminated);
    }

    private sealed class Thrower : ReceiveActor
    {
        public Thrower() => Receive<string>(_ => throw new InvalidOperationException("boom"));
    }
}
