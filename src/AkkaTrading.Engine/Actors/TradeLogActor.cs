using Akka.Actor;
using Akka.Event;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.TradeLogMessages;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// Writes every <see cref="TradeExecuted"/> on its run's event bus to a trade log CSV, in execution order.
/// Start it with <see cref="Hosting.TradingSimulationHosting.StartTradeLog"/>, which subscribes it
/// before returning, so no trade published afterwards can be missed.
/// </summary>
public sealed class TradeLogActor : ReceiveActor
{
    private readonly TextWriter _writer;
    private readonly EventStream? _bus;
    private long _rows;

    /// <param name="timeline">the scenario's, when its steps have timestamps: the log gains a <c>time</c> column</param>
    /// <param name="bus">the run's event bus (the actor system's EventStream unless given)</param>
    public TradeLogActor(TextWriter writer, Timeline? timeline, EventStream? bus)
    {
        _writer = writer;
        _bus = bus;
        _writer.WriteLine(TradeLog.HeaderFor(timeline));
        Receive<TradeExecuted>(t =>
        {
            _writer.WriteLine(TradeLog.Row(t.Fill, timeline));
            _rows++;
        });
        Receive<Flush>(_ =>
        {
            _writer.Flush();
            Sender.Tell(new Flushed(_rows));
        });
    }

    public static Props Props(TextWriter writer, Timeline? timeline = null, EventStream? bus = null) =>
        Akka.Actor.Props.Create(() => new TradeLogActor(writer, timeline, bus));

    /// <remarks>The writer belongs to whoever created this actor; it is flushed here, never closed.</remarks>
    protected override void PostStop()
    {
        (_bus ?? Context.System.EventStream).Unsubscribe(Self);
        _writer.Flush();
    }
}
