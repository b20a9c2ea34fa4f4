namespace AkkaTrading.Domain.Sweeps;

/// <summary>The steps [<see cref="From"/>, <see cref="To"/>) of a scenario, counted from 0 in the scenario's order.</summary>
public readonly record struct StepRange(int From, int To)
{
    public int Count => To - From;

    public override string ToString() => $"steps {From + 1}–{To}";

    /// <summary>
    /// A training part of <paramref name="trainPercent"/> of the steps and a test part of the rest: the training part has
    /// ⌊steps × percent / 100⌋ steps, at least one, and leaves at least one for the test.
    /// </summary>
    public static (StepRange Train, StepRange Test) Split(StepRange steps, int trainPercent)
    {
        if (trainPercent is < 1 or > 99) throw new ArgumentOutOfRangeException(nameof(trainPercent), trainPercent, "must be 1..99");
        if (steps.Count < 2) throw new ArgumentException($"{steps.Count} step(s) cannot be split into a training and a test part");
        var train = (int)Math.Clamp((long)steps.Count * trainPercent / 100, 1, steps.Count - 1);
        return (new StepRange(steps.From, steps.From + train), new StepRange(steps.From + train, steps.To));
    }

    /// <summary>
    /// Walk-forward: the steps cut into <paramref name="windows"/> consecutive windows of equal size (the first ones one step
    /// longer when they do not divide evenly), each split into training and test as <see cref="Split"/> does.
    /// </summary>
    public static IReadOnlyList<(StepRange Train, StepRange Test)> WalkForward(int stepCount, int windows, int trainPercent)
    {
        if (windows < 1) throw new ArgumentOutOfRangeException(nameof(windows), windows, "must be at least 1");
        if (stepCount < 2 * windows)
            throw new ArgumentException($"{stepCount} steps cannot make {windows} windows of at least 2 steps each");
        var result = new List<(StepRange, StepRange)>(windows);
        var from = 0;
        for (var i = 0; i < windows; i++)
        {
            var size = stepCount / windows + (i < stepCount % windows ? 1 : 0);
            result.Add(Split(new StepRange(from, from + size), trainPercent));
            from += size;
        }
        return result;
    }
}
