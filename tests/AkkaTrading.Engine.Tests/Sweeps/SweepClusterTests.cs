using Akka.Actor;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using Xunit;

namespace AkkaTrading.Engine.Tests.Sweeps;

/// <summary>Sweeps over a cluster of three nodes in this process, on loopback ports chosen at run time.</summary>
public sealed class SweepClusterTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SweepFixture _files = new(steps: 3000);
    private readonly List<ActorSystem> _nodes = new();

    public void Dispose()
    {
        Task.WaitAll([.. _nodes.Select(n => n.Terminate())], TimeSpan.FromSeconds(20));
        _files.Dispose();
    }

    private const string Grid = """
        sweep {
          bot { strategy = investor, assets = all, initial-cash = 10000 }
          parameters { window = [3, 8, 20], dip-percent = [1, 2, 3, 5], take-profit-percent = [2, 4, 8] }
        }
        """;

    private static readonly SweepOptions Options = new(SweepMetric.Return, 5, TrainPercent: 70);

    private (ActorSystem System, IActorRef Coordinator) StartCoordinator(bool withWorker)
    {
        var system = Node(SweepCluster.Start(new SweepCluster.Node("127.0.0.1", 0, []), coordinator: true, logLevel: "ERROR"));
        var worker = withWorker ? system.ActorOf(SweepWorkerActor.Props(1), SweepWorkerActor.Name) : null;
        return (system, system.ActorOf(SweepCoordinatorActor.Props(worker), SweepCoordinatorActor.Name));
    }

    private ActorSystem StartWorker(ActorSystem seed)
    {
        var address = Akka.Cluster.Cluster.Get(seed).SelfAddress.ToString();
        var system = Node(SweepCluster.Start(new SweepCluster.Node("127.0.0.1", 0, [address]), coordinator: false, logLevel: "ERROR"));
        system.ActorOf(SweepWorkerActor.Props(1), SweepWorkerActor.Name);
        return system;
    }

    private ActorSystem Node(ActorSystem system)
    {
        _nodes.Add(system);
        return system;
    }

    [Fact]
    public async Task Three_nodes_give_the_figures_of_one_process_also_when_a_node_stops_mid_sweep()
    {
        var local = SweepFixture.Text(await SweepFixture.RunLocalAsync(Prepare(), Options, slots: 2));

        var (first, coordinator) = StartCoordinator(withWorker: true);
        var second = StartWorker(first);
        var third = StartWorker(first);
        Assert.Equal(3, await SweepNodes.WaitForAsync(first, 3, Patience, CancellationToken.None));
        Assert.Equal(local, SweepFixture.Text(await SweepRunner.RunAsync(coordinator, Prepare(), Options).WaitAsync(Patience)));

        // again, stopping a node as soon as the first pass is in: its passes under way are redone by the others
        var stopped = 0;
        var outcome = await SweepRunner.RunAsync(coordinator, Prepare(), Options, _ =>
        {
            if (Interlocked.Exchange(ref stopped, 1) == 0) third.Terminate();
        }).WaitAsync(Patience);
        Assert.Equal(local, SweepFixture.Text(outcome));
        await third.WhenTerminated.WaitAsync(Patience);
        Assert.False(second.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_node_that_joins_mid_sweep_takes_work()
    {
        var local = SweepFixture.Text(await SweepFixture.RunLocalAsync(Prepare(), Options, slots: 2));
        // no worker on the coordinator's node: the sweep can only finish on a node that joins after it started
        var (first, coordinator) = StartCoordinator(withWorker: false);
        Assert.Equal(1, await SweepNodes.WaitForAsync(first, 1, Patience, CancellationToken.None));
        var sweep = SweepRunner.RunAsync(coordinator, Prepare(), Options);
        Assert.False(sweep.IsCompleted);
        StartWorker(first);
        Assert.Equal(local, SweepFixture.Text(await sweep.WaitAsync(Patience)));
    }

    [Fact]
    public async Task A_worker_node_with_nobody_to_join_gives_up_saying_where_it_looked()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var seed = SweepCluster.AddressOf("127.0.0.1", port);

        var e = await Assert.ThrowsAsync<SweepFailedException>(() => SweepNodes.RunWorkerAsync(
                new SweepCluster.Node("127.0.0.1", 0, [seed]), 1, _ => { }, TimeSpan.FromSeconds(2), CancellationToken.None))
            .WaitAsync(Patience);
        Assert.Equal($"could not join the cluster at {seed} within 2 s: is a 'sweep --port' running there?", e.Message);
    }

    private PreparedSweep Prepare() => _files.Prepare(Grid, "akka-trading.sweep.combinations-per-pass = 1");
}
