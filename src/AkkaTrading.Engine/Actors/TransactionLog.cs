using AkkaTrading.Domain.Reporting;
using AkkaTrading.Domain.Trading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// The exchange's transaction lines (every fill, every rejection), written synchronously to
/// Microsoft.Extensions.Logging — Serilog in the app — on the exchange's own thread.
/// </summary>
/// <remarks>
/// Not through Akka's logging on purpose: that queues every event in the logger actor's unbounded mailbox,
/// so a replay logging millions of lines faster than the sinks write them held gigabytes and could lose the
/// backlog at shutdown. Written here, a slow sink slows the exchange instead (back-pressure): memory stays
/// flat and no line is lost.
/// </remarks>
public sealed class TransactionLog(ILogger logger)
{
    public const string Category = "AkkaTrading.Exchange";

    /// <summary>Logs nothing: for an exchange whose transactions nobody reads (tests, benchmarks).</summary>
    public static readonly TransactionLog None = new(NullLogger.Instance);

    public static TransactionLog From(ILoggerFactory? factory) => factory is null ? None : new(factory.CreateLogger(Category));

    public void Filled(Fill fill)
    {
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("{Side} {Bot} {Quantity} {Asset} @ {Price}", TradeLog.SideText(fill.Side), fill.Bot, fill.Quantity,
                fill.Asset, fill.Price);
    }

    public void Rejected(Order order, Rejection rejection)
    {
        if (logger.IsEnabled(LogLevel.Warning))
            logger.LogWarning("REJECTED {Side} {Bot} {Quantity} {Asset}: {Reason} ({Detail})",
                TradeLog.SideText(order.Side), order.Bot, order.Quantity, order.Asset, rejection.Reason, rejection.Detail);
    }
}
