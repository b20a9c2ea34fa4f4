using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Protocol.Sweeps;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// Hands a sweep's passes to the workers it knows, no more at once to each than its slots, and gathers their figures. On a
/// cluster it looks for a worker on every node that comes up with the <see cref="SweepCluster.WorkerRole"/>, so a node joining
/// mid-sweep takes work; a worker that stops, or whose node becomes unreachable or leaves, has its unfinished passes given to
/// others. A pass's figures do not depend on where it ran, so the first answer for a pass is kept and a late second ignored.
/// </summary>
public sealed class SweepCoordinatorActor : ReceiveActor
{
    public const string Name = "sweep-coordinator";

    private readonly Dictionary<IActorRef, Worker> _workers = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef? _localWorker;
    private Batch? _batch;
    private int _nextPassId; // passes are numbered across batches, so a late answer from an earlier batch is never taken for this one

    public SweepCoordinatorActor(IActorRef? localWorker)
    {
        _localWorker = localWorker;
        Receive<WorkerReady>(ready =>
        {
            if (!_workers.TryGetValue(Sender, out var worker))
            {
                _workers.Add(Sender, worker = new Worker());
                Context.Watch(Sender);
            }
            worker.Slots = Math.Max(1, ready.Slots);
            Dispatch();
        });
        Receive<RunPasses>(run =>
        {
            if (_batch is not null)
            {
                Sender.Tell(new Status.Failure(new InvalidOperationException("a sweep is already running here")));
                return;
            }
            _batch = new Batch(run, Sender, _nextPassId);
            _nextPassId += run.Passes.Count;
            if (run.Passes.Count == 0) Finish();
            else Dispatch();
        });
        Receive<PassEvaluated>(done =>
        {
            if (_workers.TryGetValue(Sender, out var worker)) worker.InFlight.Remove(done.Pass);
            if (_batch is { } batch && batch.IndexOf(done.Pass) is { } index && batch.Results[index] is null)
            {
                batch.Results[index] = done.Results;
                batch.Left--;
                batch.Run.Progress?.Invoke(done.Results.Length);
                if (batch.Left == 0) Finish();
            }
            Dispatch();
        });
        Receive<PassFailed>(failed =>
        {
            if (_workers.TryGetValue(Sender, out var worker)) worker.InFlight.Remove(failed.Pass);
            if (_batch?.IndexOf(failed.Pass) is null) return; // an earlier batch's: its passes are all answered
            _log.Warning("sweep worker {0} could not evaluate pass {1}: {2}", Sender.Path, failed.Pass, failed.Reason);
            Drop(Sender);
            if (_batch is { } batch && _workers.Count == 0)
            {
                var failure = new SweepFailedException($"a worker at {Sender.Path.Address} failed: {failed.Reason}");
                batch.ReplyTo.Tell(new Status.Failure(failure));
                _batch = null;
            }
        });
        Receive<Terminated>(t => Drop(t.ActorRef));
        Receive<ClusterEvent.MemberUp>(up => Find(up.Member));
        Receive<ClusterEvent.MemberWeaklyUp>(up => Find(up.Member));
        Receive<ClusterEvent.ReachableMember>(m => Find(m.Member));
        Receive<ClusterEvent.UnreachableMember>(m => DropNode(m.Member.Address));
        Receive<ClusterEvent.MemberLeft>(m => DropNode(m.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(m => DropNode(m.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
    }

    public static Props Props(IActorRef? localWorker) => Akka.Actor.Props.Create(() => new SweepCoordinatorActor(localWorker));

    protected override void PreStart()
    {
        _localWorker?.Tell(FindWorkers.Instance, Self);
        if (Context.System is ExtendedActorSystem { Provider: ClusterActorRefProvider })
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
    }

    protected override void PostStop()
    {
        if (Context.System is ExtendedActorSystem { Provider: ClusterActorRefProvider }) Cluster.Get(Context.System).Unsubscribe(Self);
    }

    private void Find(Member member)
    {
        if (member.HasRole(SweepCluster.WorkerRole))
            Context.ActorSelection(new RootActorPath(member.Address) / "user" / SweepWorkerActor.Name).Tell(FindWorkers.Instance);
    }

    private void DropNode(Address address)
    {
        foreach (var worker in _workers.Keys.Where(w => w.Path.Address == address).ToList()) Drop(worker);
    }

    /// <summary>Forgets a worker; its unfinished passes go first to the others.</summary>
    private void Drop(IActorRef worker)
    {
        if (!_workers.Remove(worker, out var state)) return;
        Context.Unwatch(worker);
        if (_batch is { } batch)
        {
            var unfinished = state.InFlight.Select(batch.IndexOf).OfType<int>().Where(i => batch.Results[i] is null);
            foreach (var index in unfinished.OrderDescending()) batch.Pending.AddFirst(index);
        }
        Dispatch();
    }

    private void Dispatch()
    {
        if (_batch is not { } batch) return;
        foreach (var (worker, state) in _workers)
            while (state.InFlight.Count < state.Slots && batch.Pending.First is { } next)
            {
                batch.Pending.RemoveFirst();
                if (batch.Results[next.Value] is not null) continue;
                state.InFlight.Add(batch.FirstId + next.Value);
                worker.Tell(batch.Run.Passes[next.Value] with { Pass = batch.FirstId + next.Value });
            }
    }

    private void Finish()
    {
        var batch = _batch!;
        _batch = null;
        batch.ReplyTo.Tell(new PassesDone(batch.Results!));
    }

    private sealed class Worker
    {
        public int Slots { get; set; } = 1;
        public HashSet<int> InFlight { get; } = new();
    }

    /// <param name="firstId">the id the first pass is sent under; the others follow it</param>
    private sealed class Batch(RunPasses run, IActorRef replyTo, int firstId)
    {
        public RunPasses Run { get; } = run;
        public IActorRef ReplyTo { get; } = replyTo;
        public int FirstId { get; } = firstId;
        public SweepStatistics[]?[] Results { get; } = new SweepStatistics[]?[run.Passes.Count];
        public LinkedList<int> Pending { get; } = new(Enumerable.Range(0, run.Passes.Count));
        public int Left { get; set; } = run.Passes.Count;

        /// <summary>The place in this batch of the pass sent under <paramref name="id"/>; null for another batch's.</summary>
        public int? IndexOf(int id) => id - FirstId is var index && index >= 0 && index < Results.Length ? index : null;
    }
}

/// <summary>No worker could evaluate the sweep's passes; the message is the last worker's reason.</summary>
public sealed class SweepFailedException(string reason) : Exception(reason);
