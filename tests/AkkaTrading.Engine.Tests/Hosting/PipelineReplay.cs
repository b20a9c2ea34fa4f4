using Akka.Actor;
using Akka.Hosting;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static AkkaTrading.Engine.Protocol.Replay;
using static AkkaTrading.Engine.Protocol.TradeLogMessages;

namespace AkkaTrading.Engine.Tests.Hosting;

/// <summary>
/// A replay through the real actor pipeline, wired by <see cref="TradingSimulationHosting.AddTradingSimulation"/> as the
/// console wires it.
/// </summary>
public static class PipelineReplay
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <returns>the trade log the pipeline wrote</returns>
    public static async Task<string> TradeLogAsync(TradingSettings settings, ScenarioSource scenario)
    {
        var log = new StringWriter { NewLine = "\n" };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddAkka("replay", (akka, _) => akka
            .AddHocon("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR", HoconAddMode.Prepend)
            .AddTradingSimulation(settings, new SimulationMode.Replay(scenario), log));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var registry = host.Services.GetRequiredService<ActorRegistry>();
            if (await registry.Get<Exchange>().Ask<object>(Start.Instance, Timeout) is Failed failed)
                throw new Xunit.Sdk.XunitException($"the replay failed: {failed.Reason}");
            await registry.Get<TradeLog>().Ask<Flushed>(Flush.Instance, Timeout);
        }
        finally
        {
            await host.StopAsync();
        }
        return log.ToString();
    }
}
