using System.Text.Json.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using AkkaTrading.Protocol.Sweeps;

namespace AkkaTrading.Engine.Sweeps;

/// <summary>
/// Writes the sweep's messages (<see cref="ISweepMessage"/>) as JSON under a manifest naming the message and its version: no CLR
/// type names on the wire. Decimals keep their digits exactly; doubles round-trip.
/// </summary>
public sealed class SweepSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 4712;
    public const string Name = "akka-trading-sweep";

    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(SweepJob)] = "job/1", [typeof(EvaluatePass)] = "evaluate/1", [typeof(PassEvaluated)] = "evaluated/1",
        [typeof(PassFailed)] = "failed/1", [typeof(FindWorkers)] = "find-workers/1", [typeof(WorkerReady)] = "worker-ready/1",
    };

    private static readonly Dictionary<string, Type> Types = Manifests.ToDictionary(m => m.Value, m => m.Key);

    /// <summary>Binds the serializer to <see cref="ISweepMessage"/>.</summary>
    public static readonly string Hocon =
        Hosting.SerializerBinding.Hocon(Name, typeof(SweepSerializer), SerializerId, typeof(ISweepMessage));

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => Manifests.TryGetValue(o.GetType(), out var manifest) ? manifest
        : throw new ArgumentException($"{o.GetType().Name} is not a sweep message", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        Manifest(obj);
        return obj is FindWorkers ? [] : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Types.TryGetValue(manifest, out var type))
            throw new System.Runtime.Serialization.SerializationException($"unknown sweep message '{manifest}'");
        return type == typeof(FindWorkers) ? FindWorkers.Instance : JsonSerializer.Deserialize(bytes, type, Options)!;
    }
}
