using Akka.Actor;
using Akka.Cluster;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>The lifecycle of a sweep's cluster nodes: a worker node serving one sweep, and a sweep waiting for its nodes.</summary>
public static class SweepNodes
{
    /// <summary>
    /// Runs a worker node until the sweep it joined ends (its coordinator leaves the cluster), the node is downed (removed as
    /// unreachable), or <paramref name="stop"/>; then leaves the cluster.
    /// </summary>
    /// <param name="up">told this node's address once it is a member</param>
    /// <exception cref="SweepFailedException">the node could not join within <paramref name="joinTimeout"/></exception>
    /// <returns>why it stopped, in words</returns>
    public static async Task<string> RunWorkerAsync(SweepCluster.Node node, int workers, Action<string> up, TimeSpan joinTimeout,
        CancellationToken stop)
    {
        var system = SweepCluster.Start(node, coordinator: false, logLevel: "ERROR");
        try
        {
            system.ActorOf(SweepWorkerActor.Props(workers), SweepWorkerActor.Name);
            var cluster = Cluster.Get(system);
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var joined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() =>
            {
                up(cluster.SelfAddress.ToString());
                joined.TrySetResult();
            });
            system.ActorOf(Props.Create(() => new CoordinatorWatch(ended)));
            var stopped = Task.Delay(Timeout.Infinite, stop);
            if (await Task.WhenAny(joined.Task, stopped, Task.Delay(joinTimeout, CancellationToken.None)) != joined.Task)
            {
                if (stop.IsCancellationRequested) return "stopped before joining";
                throw new SweepFailedException($"could not join the cluster at {string.Join(", ", node.SeedNodes)} within " +
                    $"{joinTimeout.TotalSeconds:0} s: is a 'sweep --port' running there?");
            }
            var first = await Task.WhenAny(ended.Task, system.WhenTerminated, stopped);
            return first == ended.Task ? "the sweep it served has ended"
                : first == stopped ? "stopped"
                : "it was removed from the cluster (unreachable too long)";
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Waits until <paramref name="count"/> members are up (this one included), at most <paramref name="timeout"/>.</summary>
    /// <returns>how many are up</returns>
    public static async Task<int> WaitForAsync(ActorSystem system, int count, TimeSpan timeout, CancellationToken stop)
    {
        var cluster = Cluster.Get(system);
        var until = DateTime.UtcNow + timeout;
        int Up() => cluster.State.Members.Count(m => m.Status == MemberStatus.Up);
        while (Up() < count && DateTime.UtcNow < until) await Task.Delay(100, stop);
        return Up();
    }

    /// <summary>Completes <paramref name="ended"/> when a coordinator that was a member is removed: its sweep has ended.</summary>
    private sealed class CoordinatorWatch : ReceiveActor
    {
        public CoordinatorWatch(TaskCompletionSource ended)
        {
            Receive<ClusterEvent.MemberRemoved>(removed =>
            {
                if (removed.Member.HasRole(SweepCluster.CoordinatorRole)) ended.TrySetResult();
            });
            Receive<ClusterEvent.IMemberEvent>(_ => { });
        }

        protected override void PreStart() => Cluster.Get(Context.System).Subscribe(Self, typeof(ClusterEvent.MemberRemoved));
    }
}
