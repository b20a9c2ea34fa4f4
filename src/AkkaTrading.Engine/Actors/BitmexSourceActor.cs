using Akka.Actor;
using Akka.Event;
using AkkaTrading.Engine.Feeds;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;

namespace AkkaTrading.Engine.Actors;

/// <summary>
/// A live price source fed by a server speaking BitMEX's realtime protocol: each quote of the configured field goes to the
/// exchange as the asset's price. When the feed fails it reconnects after a delay that doubles from the first retry (up to
/// <see cref="MaxRetry"/>), and logs the gap in prices once they come again.
/// </summary>
public sealed class BitmexSourceActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    private sealed record Quote(decimal Price);
    private sealed record Lost(Exception Error);

    private sealed class Connect
    {
        public static readonly Connect Instance = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly BitmexSourceSettings _settings;
    private readonly BitmexFeedTiming _timing;
    private readonly CancellationTokenSource _life = new();
    private int _failures;
    private DateTimeOffset? _lostAt;

    public BitmexSourceActor(BitmexSourceSettings settings, BitmexFeedTiming timing, IActorRef exchange)
    {
        _settings = settings;
        _timing = timing;
        Receive<Connect>(_ => Read());
        Receive<Quote>(q =>
        {
            if (_lostAt is { } lost)
                _log.Warning("Source {Asset}: prices again from {Url} after a gap of {Gap:0.#} s", _settings.Asset, _settings.Url,
                    (DateTimeOffset.UtcNow - lost).TotalSeconds);
            _lostAt = null;
            _failures = 0;
            exchange.Tell(new PriceTick(_settings.Asset, q.Price));
        });
        Receive<Lost>(l =>
        {
            var delay = RetryDelay(_settings.FirstRetry, ++_failures);
            _lostAt ??= DateTimeOffset.UtcNow;
            _log.Warning("Source {Asset}: {Error}; reconnecting in {Delay:0.#} s", _settings.Asset, l.Error.Message, delay.TotalSeconds);
            Timers.StartSingleTimer("connect", Connect.Instance, delay);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(BitmexSourceSettings settings, BitmexFeedTiming timing, IActorRef exchange) =>
        Akka.Actor.Props.Create(() => new BitmexSourceActor(settings, timing, exchange));

    /// <summary>The wait before attempt <paramref name="failures"/> + 1: doubling from <paramref name="first"/>, at most
    /// <see cref="MaxRetry"/>.</summary>
    public static TimeSpan RetryDelay(TimeSpan first, int failures) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, first.Ticks * (1L << Math.Min(failures - 1, 20))));

    protected override void PreStart() => Self.Tell(Connect.Instance);

    protected override void PostStop()
    {
        _life.Cancel();
        _life.Dispose();
    }

    /// <summary>Reads the feed off the actor's thread; its quotes and its end come back as messages.</summary>
    private void Read()
    {
        var self = Self;
        var (settings, timing, life) = (_settings, _timing, _life.Token);
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var price in BitmexQuotes.ReadAsync(settings.Url, settings.Symbol, settings.Field, timing, life))
                    self.Tell(new Quote(price));
            }
            catch (OperationCanceledException) when (life.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                self.Tell(new Lost(e));
            }
        }, life);
    }
}
