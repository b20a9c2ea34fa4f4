using AkkaTrading.Gateway.Grpc.V1;
using Grpc.Core;

namespace AkkaTrading.Gateway.Tests;

/// <summary>Bounded reads for the gRPC tests: every wait ends with the caller's cancellation.</summary>
internal static class GrpcReads
{
    /// <summary>The prices once every asset has one.</summary>
    public static async Task<Prices> PricesAsync(Exchange.ExchangeClient client, CancellationToken cancel)
    {
        while (true)
        {
            var prices = await client.GetPricesAsync(new PricesRequest(), cancellationToken: cancel);
            if (prices.Prices_.Count == 2) return prices;
            await Task.Delay(25, cancel);
        }
    }

    /// <summary>The next events of a stream until one matches <paramref name="last"/> (included).</summary>
    public static async Task<List<Event>> UntilAsync(IAsyncStreamReader<Event> stream, Func<Event, bool> last, CancellationToken cancel)
    {
        var events = new List<Event>();
        while (await stream.MoveNext(cancel))
        {
            events.Add(stream.Current);
            if (last(stream.Current)) return events;
        }
        throw new InvalidOperationException("the stream ended early");
    }

    public static async Task<List<Event>> TakeAsync(IAsyncStreamReader<Event> stream, int count, CancellationToken cancel)
    {
        var events = new List<Event>();
        while (events.Count < count && await stream.MoveNext(cancel)) events.Add(stream.Current);
        return events;
    }
}
