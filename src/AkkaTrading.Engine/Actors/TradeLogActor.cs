using Akka.Actor;
using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Scenarios;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.TradeLogMessages;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// Writes every <see cref="TradeExecuted"/> on the EventStream to a trade log CSV, in execution order.
/// Start it with <see cref="Hosting.TradingSimulationHosting.StartTradeLog"/>, which subscribes it
/// before returning, so no trade published afterwards can be missed.
/// </summary>
public sealed class TradeLogActor : ReceiveActor
{
    private readonly TextWriter _writer;
    private long _rows;

    /// <param name="timeline">the scenario's, when its steps have timestamps: the log gains a <c>time</c> column</param>
    public TradeLogActor(TextWriter writer, Timeline? timeline)
    {
        _writer = writer;
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

    public static Props Props(TextWriter writer, Timeline? timeline = null) =>
        Akka.Actor.Props.Create(() => new TradeLogActor(writer, timeline));

    /// <remarks>The writer belongs to whoever created this actor; it is flushed here, never closed.</remarks>
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _writer.Flush();
    }
}
