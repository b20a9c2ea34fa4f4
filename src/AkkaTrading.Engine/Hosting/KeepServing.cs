using Akka.Actor;

namespace AkkaTrading.Engine.Hosting;

/// <summary>
/// The user guardian's supervision in a server: an actor that fails (a bot, a source, a connection's helper, the exchange
/// on one bad message) resumes with its state, so one failure never stops the simulation or the other clients. The
/// failure is logged by Akka. Batch runs use <see cref="StopOnFailure"/> instead.
/// </summary>
public sealed class KeepServing : SupervisorStrategyConfigurator
{
    public const string Hocon = "akka.actor.guardian-supervisor-strategy = \"AkkaTrading.Engine.Hosting.KeepServing, AkkaTrading.Engine\"";

    public override SupervisorStrategy Create() => new OneForOneStrategy(_ => Directive.Resume);
}
