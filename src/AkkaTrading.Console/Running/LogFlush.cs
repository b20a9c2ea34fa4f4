using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using LogEvent = Serilog.Events.LogEvent;
using Serilog.Core;
using Serilog.Events;

namespace AkkaTrading.Console.Running;

/// <summary>
/// Waits until every Akka log event published so far has reached Serilog, so that stopping the actor
/// system loses none (a logger stopped with a backlog would hand it to Akka's stdout logger). A marker
/// event goes through Akka's logging after all others; <see cref="Sink"/> recognises it, completes the
/// wait and keeps it out of the real sinks.
/// </summary>
public static class LogFlush
{
    public const string MarkerProperty = "AkkaTradingLogFlush";
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Waiting = new();
    private static volatile bool _sinkInstalled;

    /// <summary>Returns at once when no <see cref="Sink"/> was ever created (Serilog not set up by the app).</summary>
    public static async Task WaitAsync(ActorSystem system, TimeSpan timeout)
    {
        if (!_sinkInstalled) return;
        var id = Guid.NewGuid().ToString("N");
        var done = Waiting.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        system.Log.Error("{" + MarkerProperty + "}", id); // Error passes every configured level
        await Task.WhenAny(done.Task, Task.Delay(timeout));
        Waiting.TryRemove(id, out _);
    }

    public static bool IsMarker(LogEvent logEvent) => logEvent.Properties.ContainsKey(MarkerProperty);

    /// <summary>Completes the waits whose marker arrives.</summary>
    public sealed class Sink : ILogEventSink
    {
        public Sink() => _sinkInstalled = true;

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Properties.TryGetValue(MarkerProperty, out var value) && value is ScalarValue { Value: string id }
                && Waiting.TryGetValue(id, out var done))
                done.TrySetResult();
        }
    }
}
