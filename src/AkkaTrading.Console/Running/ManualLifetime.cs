using Microsoft.Extensions.Hosting;

namespace AkkaTrading.Console.Running;

/// <summary>
/// A host lifetime that neither prints status lines nor reacts to Ctrl+C: the app decides when a run
/// ends, so that it can still ask the exchange for the summary before the actor system stops.
/// </summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
