using Akka.Actor;
using AkkaTrading.Domain.Sweeps;
using AkkaTrading.Engine.Sweeps;
using AkkaTrading.Protocol.Sweeps;
using Xunit;

namespace AkkaTrading.Engine.Tests.Sweeps;

public sealed class SweepSerializerTests
{
    [Fact]
    public async Task Every_message_that_crosses_nodes_comes_back_the_same_with_exact_figures()
    {
        var system = SweepCluster.Start(null, coordinator: false, logLevel: "ERROR");
        try
        {
            var serialization = system.Serialization;
            var job = new SweepJob("j1", "/data/s.csv", "AB12", null, "", "sweep { }", "grid.hocon");
            var figures = new SweepStatistics(1.2300m, -4.5m, 0.000001m, 33.333333333333333333333333333m, 7, 3, 10_004.5m, 0.1 + 0.2);
            object[] messages = [job, new EvaluatePass(job, 3, [1, 5, 9], 10, 20), new PassFailed("j1", 2, "no file"),
                FindWorkers.Instance, new WorkerReady(4)];
            foreach (var message in messages)
            {
                var serializer = serialization.FindSerializerFor(message);
                Assert.IsType<SweepSerializer>(serializer);
                var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier,
                    ((Akka.Serialization.SerializerWithStringManifest)serializer).Manifest(message));
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message, message.GetType()),
                    System.Text.Json.JsonSerializer.Serialize(back, back.GetType()));
            }
            var evaluated = new PassEvaluated("j1", 0, [figures, figures with { Sharpe = null }]);
            var s = serialization.FindSerializerFor(evaluated);
            var copy = (PassEvaluated)serialization.Deserialize(s.ToBinary(evaluated), s.Identifier,
                ((Akka.Serialization.SerializerWithStringManifest)s).Manifest(evaluated));
            Assert.Equal(evaluated.Results, copy.Results);
            Assert.Equal("1.2300", copy.Results[0].ReturnPercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(BitConverter.DoubleToInt64Bits(0.1 + 0.2), BitConverter.DoubleToInt64Bits(copy.Results[0].Sharpe!.Value));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
