using Akka.Actor;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Protocol.Sweeps;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// A node's worker (at <c>/user/sweep-worker</c>): answers a coordinator's <see cref="FindWorkers"/> with its slots and evaluates
/// each pass it is given on the thread pool, answering <see cref="PassEvaluated"/> or <see cref="PassFailed"/>. The coordinator
/// gives it no more passes at once than it has slots. A job is made ready once per node; the last four are kept.
/// </summary>
public sealed class SweepWorkerActor : ReceiveActor
{
    public const string Name = "sweep-worker";
    private const int JobsKept = 4;

    private readonly Dictionary<string, Lazy<PreparedSweep>> _jobs = new(); // read on the actor's thread, made ready on the pool
    private readonly Queue<string> _jobOrder = new();

    public SweepWorkerActor(int slots)
    {
        Receive<FindWorkers>(_ => Sender.Tell(new WorkerReady(slots)));
        Receive<Akka.Cluster.ClusterEvent.MemberUp>(up =>
        {
            if (up.Member.HasRole(SweepCluster.CoordinatorRole))
                Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / SweepCoordinatorActor.Name)
                    .Tell(new WorkerReady(slots));
        });
        Receive<UsePrepared>(use => Keep(use.Sweep.Job.Id, new Lazy<PreparedSweep>(use.Sweep)));
        Receive<EvaluatePass>(pass =>
        {
            var job = Prepared(pass.Job);
            var pipe = Task.Run<object>(() =>
            {
                try
                {
                    var figures = job.Value.Evaluate(pass.Combinations, new StepRange(pass.From, pass.To));
                    return new PassEvaluated(pass.Job.Id, pass.Pass, figures);
                }
                catch (Exception e)
                {
                    return new PassFailed(pass.Job.Id, pass.Pass, e.Message);
                }
            });
            pipe.PipeTo(Sender, Self); // answered as this worker, so the coordinator frees its slot
        });
    }

    /// <summary>On a cluster a worker also offers itself to every coordinator that comes up, in case it was not yet there when the
    /// coordinator looked.</summary>
    protected override void PreStart()
    {
        if (Context.System is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self,
                Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(Akka.Cluster.ClusterEvent.MemberUp));
    }

    public static Props Props(int slots) => Akka.Actor.Props.Create(() => new SweepWorkerActor(slots));

    private Lazy<PreparedSweep> Prepared(SweepJob job)
    {
        if (_jobs.TryGetValue(job.Id, out var prepared)) return prepared;
        prepared = new Lazy<PreparedSweep>(() => PreparedSweep.Load(job), LazyThreadSafetyMode.ExecutionAndPublication);
        Keep(job.Id, prepared);
        return prepared;
    }

    private void Keep(string id, Lazy<PreparedSweep> prepared)
    {
        _jobs[id] = prepared;
        _jobOrder.Enqueue(id);
        while (_jobOrder.Count > JobsKept) _jobs.Remove(_jobOrder.Dequeue());
    }
}
