using System.Globalization;
using AkkaTrading.Domain.Scenarios;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// A seeded benchmark scenario with dips and rallies so both strategies trade often: each asset swings
/// ±12% around its base on a slow cycle, with per-step noise and an occasional sharp drop. Prices are held
/// in arrays; steps are produced on the fly, one allocation per step, as a scenario reader would.
/// </summary>
public sealed class GeneratedScenario
{
    private readonly decimal[][] _prices;

    public GeneratedScenario(int assetCount, int steps, int seed)
    {
        Assets = Enumerable.Range(0, assetCount).Select(i => i < 3 ? new[] { "ALFA", "BETA", "GAMMA" }[i] : $"A{i:D2}").ToArray();
        StepCount = steps;
        _prices = new decimal[assetCount][];
        var random = new Random(seed);
        for (var a = 0; a < assetCount; a++)
        {
            var prices = _prices[a] = new decimal[steps];
            var basePrice = 50.0 + 50 * a;
            var period = 300.0 + 37 * a;
            var shock = 1.0;
            for (var t = 0; t < steps; t++)
            {
                if (random.NextDouble() < 0.002) shock = 0.88; // a sharp fall, recovering slowly
                shock = Math.Min(1.0, shock + 0.002);
                var cycle = 1 + 0.12 * Math.Sin(2 * Math.PI * t / period);
                var noise = 1 + (random.NextDouble() - 0.5) * 0.01;
                prices[t] = Math.Round((decimal)(basePrice * cycle * noise * shock), 2);
            }
        }
    }

    public string[] Assets { get; }
    public int StepCount { get; }
    public long TickCount => (long)StepCount * Assets.Length;

    public IEnumerable<ScenarioStep> Steps()
    {
        for (var t = 0; t < StepCount; t++)
        {
            var prices = new AssetPrice[Assets.Length];
            for (var a = 0; a < prices.Length; a++) prices[a] = new AssetPrice(Assets[a], _prices[a][t]);
            yield return new ScenarioStep(t, [.. prices]);
        }
    }

    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        writer.WriteLine(CsvScenario.Header);
        for (var t = 0; t < StepCount; t++)
            for (var a = 0; a < Assets.Length; a++)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t},{Assets[a]},{_prices[a][t]}"));
    }
}
