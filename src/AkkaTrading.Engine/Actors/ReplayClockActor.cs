using System.Collections.Immutable;
using Akka.Actor;
using AkkaTrading.Domain.Scenarios;
using static AkkaTrading.Engine.Protocol.Replay;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// The replay's clock: streams the scenario's steps and hands them out in batches when asked, so the
/// scenario is never loaded whole and the exchange is never flooded.
/// </summary>
public sealed class ReplayClockActor : ReceiveActor
{
    private readonly IEnumerator<ScenarioStep> _steps;

    public ReplayClockActor(IEnumerable<ScenarioStep> steps)
    {
        _steps = steps.GetEnumerator();
        Receive<RequestSteps>(OnRequest);
    }

    public static Props Props(IEnumerable<ScenarioStep> steps) => Akka.Actor.Props.Create(() => new ReplayClockActor(steps));

    protected override void PostStop() => _steps.Dispose();

    private void OnRequest(RequestSteps request)
    {
        var batch = ImmutableArray.CreateBuilder<ScenarioStep>(request.Count);
        try
        {
            while (batch.Count < request.Count && _steps.MoveNext()) batch.Add(_steps.Current);
        }
        catch (ScenarioException e)
        {
            Sender.Tell(new Failed(e.Message));
            return;
        }
        var isLast = batch.Count < request.Count;
        Sender.Tell(new StepBatch(batch.DrainToImmutable(), isLast));
    }
}
