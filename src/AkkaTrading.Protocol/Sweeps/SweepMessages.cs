using AkkaTrading.Domain.Sweeps;

namespace AkkaTrading.Protocol.Sweeps;

/// <summary>The messages of a sweep that cross nodes of a cluster, all written by the Engine's <c>SweepSerializer</c>.</summary>
public interface ISweepMessage;

/// <summary>
/// What a sweep evaluates, in full: a worker on any node builds the same combinations and steps from it. The scenario is read
/// from its path on the worker's machine and must have the same SHA-256 (nodes on one machine, or a shared directory).
/// </summary>
/// <param name="ConfigText">the user's configuration (null: the defaults alone), named <paramref name="ConfigName"/> in errors</param>
/// <param name="Settings">every setting that bears on the figures, as the starting node read them: a worker must read the same
/// (another build's defaults would not)</param>
public sealed record SweepJob(string Id, string ScenarioPath, string ScenarioSha256, string? ConfigText, string ConfigName,
    string GridText, string GridName, string Settings = "") : ISweepMessage;

/// <summary>Evaluate <paramref name="Combinations"/> together in one pass over steps [<paramref name="From"/>,
/// <paramref name="To"/>).</summary>
/// <param name="Pass">the pass's id, given back with its figures</param>
public sealed record EvaluatePass(SweepJob Job, int Pass, long[] Combinations, int From, int To) : ISweepMessage;

/// <summary>A pass's figures, one per combination in the order asked.</summary>
public sealed record PassEvaluated(string JobId, int Pass, SweepStatistics[] Results) : ISweepMessage;

/// <summary>A worker could not evaluate a pass (it cannot read the scenario, or reads another one).</summary>
public sealed record PassFailed(string JobId, int Pass, string Reason) : ISweepMessage;

/// <summary>A coordinator looking for workers; a worker answers <see cref="WorkerReady"/>.</summary>
public sealed record FindWorkers : ISweepMessage
{
    public static readonly FindWorkers Instance = new();
}

/// <summary>A worker that takes up to <paramref name="Slots"/> passes at once.</summary>
public sealed record WorkerReady(int Slots) : ISweepMessage;
