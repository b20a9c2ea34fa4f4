using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Protocol.Sweeps;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>Within one process only: the worker uses this job, already made ready, instead of reading it again.</summary>
public sealed record UsePrepared(PreparedSweep Sweep);

/// <summary>Within one process only: the coordinator evaluates these passes over its workers and answers
/// <see cref="PassesDone"/> (or a failure), telling <paramref name="Progress"/> of every pass done (its combinations).</summary>
public sealed record RunPasses(IReadOnlyList<EvaluatePass> Passes, Action<int>? Progress = null);

/// <summary>Each pass's figures, in the order of <see cref="RunPasses.Passes"/>.</summary>
public sealed record PassesDone(IReadOnlyList<SweepStatistics[]> Results);
