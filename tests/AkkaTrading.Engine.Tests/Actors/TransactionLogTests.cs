using System.Collections.Concurrent;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Settings;
using Microsoft.Extensions.Logging;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;

namespace AkkaTrading.Engine.Tests.Actors;

/// <summary>
/// The exchange writes its transaction lines itself, before it answers the order: a slow log slows the exchange
/// instead of queueing lines in memory, and no line can be left behind when the run ends.
/// </summary>
public sealed class TransactionLogTests : TestKit
{
    private sealed class RecordingLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Line)> Lines { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }

    [Fact]
    public async Task Every_fill_and_rejection_is_logged_before_the_exchange_answers()
    {
        var logger = new RecordingLogger();
        var exchange = Sys.ActorOf(ExchangeActor.Props(new ExchangeSettings(10, 0m), ["ALFA"], [new BotAccount("b", 100m, ["ALFA"])],
            transactions: new TransactionLog(logger)));
        exchange.Tell(new PriceTick("ALFA", 30m));

        exchange.Tell(new PlaceOrder(new Order("b", "ALFA", Side.Buy, 2)));
        await ExpectMsgAsync<OrderFilled>();
        Assert.Equal((LogLevel.Information, "BUY b 2 ALFA @ 30"), Assert.Single(logger.Lines));

        exchange.Tell(new PlaceOrder(new Order("b", "ALFA", Side.Buy, 2)));
        await ExpectMsgAsync<OrderRejected>();
        Assert.Equal((LogLevel.Warning, "REJECTED BUY b 2 ALFA: InsufficientCash (needs 60 but has 40)"), logger.Lines.Last());
    }
}
