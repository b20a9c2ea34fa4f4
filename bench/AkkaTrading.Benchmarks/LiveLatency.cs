using System.Diagnostics;
using Akka.Actor;
using AkkaTrading.Domain.Prices;
using AkkaTrading.Domain.Trading;
using AkkaTrading.Engine.Actors;
using AkkaTrading.Engine.Bots;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using static AkkaTrading.Engine.Protocol.Market;
using static AkkaTrading.Engine.Protocol.Orders;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// Tick-to-fill latency of a live run: a paced driver sends random-walk prices to the exchange at a fixed
/// rate, the configured bots trade on them, and a probe bot answers every tenth price with a market order.
/// A sample is the time from the driver sending that price to the probe receiving its fill: source to
/// exchange, EventStream to bot, order to exchange, fill back to the bot.
/// </summary>
public static class LiveLatency
{
    public static (double P50Micros, double P99Micros, int Samples) Run(TradingSettings settings, int ticksPerSecond, TimeSpan duration)
    {
        string[] assets = ["ALFA", "BETA", "GAMMA"];
        var ticks = (int)(ticksPerSecond * duration.TotalSeconds);
        var sentAt = new long[ticks + 1];
        var system = ActorSystem.Create("latency", "akka.loglevel = WARNING");
        try
        {
            BotAccount probeAccount = new("latency-probe", 1_000_000_000m, [.. assets]);
            var bots = settings.BotsIn(serving: false);
            var exchange = system.ActorOf(ExchangeActor.Props(settings.Exchange, assets, [.. bots.Select(b => b.Account), probeAccount]),
                "exchange");
            var starting = new BotStarting(system, exchange, settings.Exchange);
            foreach (var bot in bots) bot.Kind.Start(bot, starting);
            var samples = new List<long>();
            var probe = system.ActorOf(Props.Create(() => new Probe(exchange, probeAccount.Name, sentAt, samples)), "probe");
            system.EventStream.Subscribe(probe, typeof(PriceChanged));

            var walks = assets.Select((_, i) => new RandomWalk(100m, 0, 1, seed: i)).ToArray();
            var interval = Stopwatch.Frequency / (double)ticksPerSecond;
            var start = Stopwatch.GetTimestamp();
            for (var i = 1; i <= ticks; i++)
            {
                var due = start + (long)(i * interval);
                while (Stopwatch.GetTimestamp() < due)
                {
                    if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 500) Thread.Sleep(1);
                    else if (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 20000) Thread.Yield();
                    else Thread.SpinWait(20);
                }
                sentAt[i] = Stopwatch.GetTimestamp();
                exchange.Tell(new PriceTick(assets[i % assets.Length], walks[i % assets.Length].Next()));
            }

            var collected = probe.Ask<long[]>(Probe.Collect.Instance, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            Array.Sort(collected);
            double Micros(long t) => t * 1e6 / Stopwatch.Frequency;
            return (Micros(collected[collected.Length / 2]), Micros(collected[(int)(collected.Length * 0.99)]), collected.Length);
        }
        finally
        {
            system.Terminate().Wait();
        }
    }

    private sealed class Probe : ReceiveActor
    {
        public sealed class Collect
        {
            public static readonly Collect Instance = new();
        }

        private readonly Queue<long> _pending = new();

        public Probe(IActorRef exchange, string name, long[] sentAt, List<long> samples)
        {
            Receive<PriceChanged>(p =>
            {
                if (p.Step % 10 != 0) return;
                _pending.Enqueue(p.Step);
                exchange.Tell(new PlaceOrder(new Order(name, p.Asset, Side.Buy, 1)));
            });
            Receive<OrderFilled>(_ => samples.Add(Stopwatch.GetTimestamp() - sentAt[_pending.Dequeue()]));
            Receive<OrderRejected>(_ => _pending.Dequeue());
            Receive<Collect>(_ => Sender.Tell(samples.ToArray()));
        }
    }
}
