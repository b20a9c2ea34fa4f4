using System.Collections.Immutable;

namespace AkkaTrading.Domain.Scenarios;

/// <summary>
/// A scenario of market data: one file per asset, aligned by timestamp. Each distinct timestamp of any file is a step;
/// an asset without a row at that timestamp has no price in it; within a step, assets come in the order listed.
/// </summary>
public sealed record MarketDataScenario(IReadOnlyList<MarketDataAsset> Assets)
{
    /// <summary>
    /// Streams the steps by merging the files as they are read (a k-way merge holding one row per file), so memory stays
    /// flat however long the history.
    /// </summary>
    /// <param name="skipped">told of every row skipped for a <c>null</c> price: the asset and the line</param>
    public IEnumerable<ScenarioStep> Steps(Action<MarketDataAsset, int>? skipped = null)
    {
        var files = new IEnumerator<Bar>[Assets.Count];
        var live = new bool[Assets.Count];
        try
        {
            for (var i = 0; i < files.Length; i++)
            {
                var asset = Assets[i];
                files[i] = MarketDataFile.Read(asset, skipped is null ? null : line => skipped(asset, line)).GetEnumerator();
                live[i] = files[i].MoveNext();
            }
            var prices = ImmutableArray.CreateBuilder<AssetPrice>(files.Length);
            for (long step = 0; ; step++)
            {
                // A scan of every head rather than a heap: each step visits every file anyway to keep the listed order.
                DateTime? next = null;
                for (var i = 0; i < files.Length; i++)
                    if (live[i] && (next is null || files[i].Current.Time < next)) next = files[i].Current.Time;
                if (next is not { } time) yield break;
                for (var i = 0; i < files.Length; i++)
                {
                    if (!live[i] || files[i].Current.Time != time) continue;
                    prices.Add(new AssetPrice(Assets[i].Asset, files[i].Current.Price));
                    live[i] = files[i].MoveNext();
                }
                yield return new ScenarioStep(step, prices.DrainToImmutable(), time);
            }
        }
        finally
        {
            foreach (var file in files) file?.Dispose();
        }
    }
}
