using Akka.Actor;
using Akka.Configuration;
using AkkaTrading.Engine.Hosting;
using AkkaTrading.Engine.Running;
using AkkaTrading.Engine.Settings;

namespace AkkaTrading.Engine.Tests.Hosting;

/// <summary>A replay through the real actor pipeline, run by <see cref="ReplayRun"/> as the console runs it.</summary>
public static class PipelineReplay
{
    /// <returns>the trade log the pipeline wrote</returns>
    public static async Task<string> TradeLogAsync(TradingSettings settings, ScenarioSource scenario)
    {
        using var system = ActorSystem.Create("replay",
            ConfigurationFactory.ParseString("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR"));
        try
        {
            return await TradeLogAsync(system, settings, scenario);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>A replay in an actor system that other runs may share.</summary>
    public static async Task<string> TradeLogAsync(ActorSystem system, TradingSettings settings, ScenarioSource scenario)
    {
        var log = new StringWriter { NewLine = "\n" };
        try
        {
            await ReplayRun.RunAsync(system, new ReplayRequest(settings, new SimulationMode.Replay(scenario), log));
        }
        catch (ReplayFailedException e)
        {
            throw new Xunit.Sdk.XunitException($"the replay failed: {e.Message}");
        }
        return log.ToString();
    }
}
