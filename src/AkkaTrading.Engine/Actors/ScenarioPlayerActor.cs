using Akka.Actor;
using AkkaTrading.Domain.Scenarios;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// Plays a scenario to a live exchange at a steady pace, so remote bots can be tried on a known history: every tick
/// it sends the next steps' prices as <see cref="PriceTick"/>s, in the scenario's asset order, and stops at the end.
/// </summary>
public sealed class ScenarioPlayerActor : ReceiveActor, IWithTimers
{
    /// <summary>The timer never ticks faster than this (the scheduler's resolution); faster paces send several steps a tick.</summary>
    public static readonly TimeSpan MinTick = TimeSpan.FromMilliseconds(20);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private readonly IEnumerator<ScenarioStep> _steps;
    private readonly TimeSpan _interval;
    private readonly int _stepsPerTick;

    public ScenarioPlayerActor(IEnumerable<ScenarioStep> steps, double stepsPerSecond, IActorRef exchange)
    {
        _steps = steps.GetEnumerator();
        _interval = TimeSpan.FromSeconds(Math.Max(1 / stepsPerSecond, MinTick.TotalSeconds));
        _stepsPerTick = Math.Max(1, (int)Math.Round(stepsPerSecond * _interval.TotalSeconds));
        Receive<Tick>(_ =>
        {
            for (var i = 0; i < _stepsPerTick; i++)
            {
                if (!_steps.MoveNext())
                {
                    Timers.CancelAll();
                    return;
                }
                foreach (var price in _steps.Current.Prices) exchange.Tell(new PriceTick(price.Asset, price.Price));
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IEnumerable<ScenarioStep> steps, double stepsPerSecond, IActorRef exchange) =>
        Akka.Actor.Props.Create(() => new ScenarioPlayerActor(steps, stepsPerSecond, exchange));

    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer("tick", Tick.Instance, _interval);
    }

    protected override void PostStop() => _steps.Dispose();
}
