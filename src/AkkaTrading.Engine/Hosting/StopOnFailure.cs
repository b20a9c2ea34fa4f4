using Akka.Actor;

namespace AkkaTrading.Engine.Hosting;

/// <summary>
/// The user guardian's supervision for a simulation: a failure in any of its actors (exchange, bot,
/// source, clock, trade log) is escalated, which stops the actor system, instead of restarting the actor
/// with its state lost or its subscriptions gone. A run never continues, or waits forever, on a broken actor;
/// the host sees the system terminate and reports the error.
/// </summary>
public sealed class StopOnFailure : SupervisorStrategyConfigurator
{
    public const string Hocon = "akka.actor.guardian-supervisor-strategy = \"AkkaTrading.Engine.Hosting.StopOnFailure, " +
        "AkkaTrading.Engine\"";

    public override SupervisorStrategy Create() => new OneForOneStrategy(_ => Directive.Escalate);
}
