using Akka.Actor;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Protocol.Sweeps;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// Runs a sweep through a <see cref="SweepCoordinatorActor"/>: every combination over the ranking steps, then the best on the test
/// steps when split, then each walk-forward window likewise. The combinations are cut into passes of ⌈count / 16⌉, at most
/// <c>combinations-per-pass</c>, so that up to 16 workers all get some; how they are cut changes no figure.
/// </summary>
public static class SweepRunner
{
    /// <summary>How many combination evaluations the sweep makes (for a progress bar).</summary>
    public static long Evaluations(PreparedSweep sweep, SweepOptions options)
    {
        var count = sweep.Plan.Grid.Count;
        var top = Math.Min(options.Top, count);
        return count + (options.TrainPercent is null ? 0 : top) + options.WalkForward * (count + top);
    }

    public static async Task<SweepOutcome> RunAsync(IActorRef coordinator, PreparedSweep sweep, SweepOptions options,
        Action<int>? progress = null, CancellationToken cancel = default)
    {
        var all = Enumerable.Range(0, (int)sweep.Plan.Grid.Count).Select(i => (long)i).ToArray();
        StepRange ranking = sweep.AllSteps;
        StepRange? test = null;
        if (options.TrainPercent is { } percent) (ranking, test) = StepRange.Split(sweep.AllSteps, percent);

        var inSample = await EvaluateAsync(coordinator, sweep, all, ranking, progress, cancel);
        var ranked = options.Metric.Rank(inSample);
        var rows = all.Select(i => new SweepRow(i, sweep.Plan.Grid.Values(i), inSample[i], null)).ToArray();
        if (test is { } testSteps)
        {
            var best = ranked.Take(options.Top).ToArray();
            var outOfSample = await EvaluateAsync(coordinator, sweep, [.. best.Select(i => all[i])], testSteps, progress, cancel);
            for (var i = 0; i < best.Length; i++) rows[best[i]] = rows[best[i]] with { OutOfSample = outOfSample[i] };
        }

        var windows = new List<SweepWindow>();
        if (options.WalkForward > 0)
        {
            var splits = StepRange.WalkForward(sweep.Steps.Count, options.WalkForward, options.TrainPercent ?? 70);
            for (var w = 0; w < splits.Count; w++)
            {
                var (train, windowTest) = splits[w];
                var trained = await EvaluateAsync(coordinator, sweep, all, train, progress, cancel);
                var best = options.Metric.Rank(trained).Take(options.Top).ToArray();
                var tested = await EvaluateAsync(coordinator, sweep, [.. best.Select(i => all[i])], windowTest, progress, cancel);
                windows.Add(new SweepWindow(w + 1, train, windowTest,
                    [.. best.Select((i, k) => new SweepRow(all[i], rows[i].Values, trained[i], tested[k]))]));
            }
        }
        return new SweepOutcome(options, ranking, test, rows, ranked, windows);
    }

    /// <summary>The figures of <paramref name="combinations"/> over <paramref name="range"/>, in their order.</summary>
    private static async Task<SweepStatistics[]> EvaluateAsync(IActorRef coordinator, PreparedSweep sweep, long[] combinations,
        StepRange range, Action<int>? progress, CancellationToken cancel)
    {
        var size = (int)Math.Clamp((combinations.Length + 15) / 16, 1, sweep.Config.Settings.Sweep.CombinationsPerPass);
        var passes = combinations.Chunk(size)
            .Select((chunk, i) => new EvaluatePass(sweep.Job, i, chunk, range.From, range.To))
            .ToArray();
        var done = await coordinator.Ask<PassesDone>(new RunPasses(passes, progress), cancellationToken: cancel);
        return [.. done.Results.SelectMany(r => r)];
    }
}
