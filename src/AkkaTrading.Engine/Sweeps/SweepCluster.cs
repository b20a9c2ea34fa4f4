using Akka.Actor;
using Akka.Configuration;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// The actor systems of a sweep: one process alone, or the nodes of an Akka.Cluster on which the process that runs the sweep
/// is the coordinator (and a worker) and every <c>sweep-node</c> a worker. Only the sweep's messages cross nodes, written by
/// <see cref="SweepSerializer"/>.
/// </summary>
public static class SweepCluster
{
    public const string SystemName = "akka-trading-sweep";
    public const string WorkerRole = "sweep-worker", CoordinatorRole = "sweep-coordinator";

    /// <summary>Where a node listens and which nodes it joins (none: it starts a cluster of its own, others join it).</summary>
    public sealed record Node(string Hostname, int Port, IReadOnlyList<string> SeedNodes);

    /// <summary>A node's address as seed nodes are written: <c>akka.tcp://akka-trading-sweep@127.0.0.1:4053</c>.</summary>
    public static string AddressOf(string hostname, int port) => $"akka.tcp://{SystemName}@{hostname}:{port}";

    /// <summary>Why <paramref name="seed"/> is not a node's address such as <c>akka.tcp://akka-trading-sweep@127.0.0.1:4053</c>, or
    /// null when it is one.</summary>
    public static string? AddressProblem(string seed) =>
        seed.StartsWith($"akka.tcp://{SystemName}@", StringComparison.Ordinal) && Uri.TryCreate(seed, UriKind.Absolute, out var uri)
            && uri.Port > 0 && uri.AbsolutePath is "" or "/"
            ? null
            : $"'{Domain.Inputs.Excerpt.Of(seed)}' is not a node address such as {AddressOf("127.0.0.1", 4053)}";

    /// <summary>This node with the command line's values, where given, instead of the configured ones.</summary>
    public static Node? Override(Node? configured, int? port, string? hostname, IReadOnlyList<string>? seeds) =>
        port is null && hostname is null && seeds is null ? configured
            : new Node(hostname ?? configured?.Hostname ?? "127.0.0.1", port ?? configured?.Port ?? 0,
                seeds ?? configured?.SeedNodes ?? []);

    /// <summary>Refuses, with one line, an address this machine cannot listen on or a port in use, before Akka tries (its remoting
    /// fails with pages of stack traces).</summary>
    private static void CheckCanListen(Node node)
    {
        try
        {
            if (!System.Net.IPAddress.TryParse(node.Hostname, out var address))
                address = System.Net.Dns.GetHostAddresses(node.Hostname).FirstOrDefault()
                    ?? throw new SweepFailedException($"cannot listen on '{node.Hostname}': it names no address");
            using var listener = new System.Net.Sockets.TcpListener(address, node.Port);
            listener.Start();
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new SweepFailedException($"cannot listen on {node.Hostname}:{node.Port}: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new SweepFailedException($"cannot listen on '{node.Hostname}': {e.Message}");
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    /// <param name="node">null: a process alone, with no network</param>
    public static ActorSystem Start(Node? node, bool coordinator, string logLevel = "WARNING")
    {
        var config = ConfigurationFactory.ParseString($"akka.loglevel = {logLevel}\nakka.stdout-loglevel = {logLevel}");
        if (node is not null)
        {
            CheckCanListen(node); // before its hostname goes into HOCON: an address that can be listened on is safe there
            string[] roles = coordinator ? [CoordinatorRole, WorkerRole] : [WorkerRole];
            config = ConfigurationFactory.ParseString($$"""
                akka.actor.provider = cluster
                # a pass's figures are one message: room for the largest pass combinations-per-pass allows
                akka.remote.dot-netty.tcp {
                  hostname = "{{node.Hostname}}", port = {{node.Port}}
                  maximum-frame-size = 16000000b, send-buffer-size = 32000000b, receive-buffer-size = 32000000b
                }
                akka.cluster {
                  seed-nodes = [{{string.Join(", ", node.SeedNodes.Select(s => $"\"{s}\""))}}]
                  roles = [{{string.Join(", ", roles)}}]
                  # a node killed mid-sweep has its work redone as soon as it is unreachable; downing it lets others join meanwhile
                  # the oldest node (the sweep's, which the others join) stays whatever else is unreachable: a sweep never
                  # downs its own coordinator, and on a busy machine late heartbeats never down every node
                  split-brain-resolver {
                    active-strategy = keep-oldest
                    keep-oldest.down-if-alone = off
                    stable-after = 5s
                    down-all-when-unstable = off
                  }
                  failure-detector.acceptable-heartbeat-pause = 3s
                  log-info = off
                }
                akka.coordinated-shutdown.exit-clr = off
                """).WithFallback(config);
        }
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(SystemName, ConfigurationFactory.ParseString(SweepSerializer.Hocon).WithFallback(config));
        }
        catch (Exception e) when (Innermost(e) is System.Net.Sockets.SocketException or Akka.Remote.RemoteTransportException)
        {
            throw new SweepFailedException($"cannot listen on {node!.Hostname}:{node.Port}: {Innermost(e).Message}");
        }
        // without seed nodes this node is the first: it joins itself (at the port it got, when asked for any)
        if (node is { SeedNodes.Count: 0 }) Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress);
        return system;
    }
}
