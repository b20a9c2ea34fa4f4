namespace AkkaTrading.Domain.Sweeps;

/// <summary>How a sweep ranks and checks its combinations.</summary>
/// <param name="Top">how many of the best are shown, and replayed on the test steps when split</param>
/// <param name="TrainPercent">the first this-many percent of the steps rank the combinations; null: all steps do, no test</param>
/// <param name="WalkForward">windows the train/test split is rolled over besides (0: none)</param>
public sealed record SweepOptions(SweepMetric Metric, int Top, int? TrainPercent, int WalkForward = 0);

/// <summary>One combination's figures on the ranking steps and, for the best when split, on the test steps.</summary>
public sealed record SweepRow(long Combination, IReadOnlyList<decimal> Values, SweepStatistics InSample, SweepStatistics? OutOfSample);

/// <summary>A walk-forward window: its steps and its best combinations ranked on its training steps, with their test figures.</summary>
public sealed record SweepWindow(int Number, StepRange Train, StepRange Test, IReadOnlyList<SweepRow> Best);

/// <summary>A sweep's result: every combination in the grid's order, the ranking, and the walk-forward windows if asked.</summary>
/// <param name="RankingSteps">the steps the combinations are ranked on; <paramref name="TestSteps"/> the rest, when split</param>
/// <param name="Ranked">the indices of <paramref name="Rows"/>, best first</param>
public sealed record SweepOutcome(SweepOptions Options, StepRange RankingSteps, StepRange? TestSteps, IReadOnlyList<SweepRow> Rows,
    IReadOnlyList<int> Ranked, IReadOnlyList<SweepWindow> Windows)
{
    public IEnumerable<SweepRow> Best => Ranked.Take(Options.Top).Select(i => Rows[i]);
}
