using System.Collections.Immutable;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Engine.Protocol;

/// <summary>Driving a replay: the host starts it at the exchange, the exchange pulls steps from the clock.</summary>
public static class Replay
{
    /// <summary>Sent to the exchange; answered with <see cref="Completed"/> or <see cref="Failed"/> when the scenario has been
    /// played.</summary>
    public sealed record Start
    {
        public static readonly Start Instance = new();
        private Start() { }
    }

    public sealed record Completed(long Steps, long Trades);
    public sealed record Failed(string Reason);

    /// <summary>The exchange asks the clock for up to <see cref="Count"/> more steps.</summary>
    public sealed record RequestSteps(int Count);

    /// <summary>The clock's answer; <see cref="IsLast"/> when the scenario has no more steps.</summary>
    public sealed record StepBatch(ImmutableArray<ScenarioStep> Steps, bool IsLast);
}
