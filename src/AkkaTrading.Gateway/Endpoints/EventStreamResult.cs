using System.Buffers;
using System.Diagnostics;
using AkkaTrading.Gateway.Events;
using AkkaTrading.Gateway.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AkkaTrading.Gateway.Endpoints;

/// <summary>
/// Events as Server-Sent Events (<c>id:</c> seq, <c>event:</c> type), a heartbeat when nothing was sent for a while, and an
/// <c>error</c> event before the end when the client fell too far behind or resumed from too old a seq. Writes each event's
/// frame as built once for every connection, and flushes when no event is waiting, so a burst leaves in few writes.
/// The frames are those <c>TypedResults.ServerSentEvents</c> wrote, byte for byte.
/// </summary>
public sealed class EventStreamResult(IAsyncEnumerable<WireEvent> events, TimeSpan heartbeat) : IResult
{
    private static readonly byte[] HeartbeatFrame = SseFrames.Event("heartbeat", new { });

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        http.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        var cancel = http.RequestAborted;
        var body = response.BodyWriter;
        try
        {
            await using var reader = events.GetAsyncEnumerator(cancel);
            var lastSent = Stopwatch.GetTimestamp();
            Task? idle = null; // one timer per connection, re-armed only when it fires: not one per event
            while (true)
            {
                var next = reader.MoveNextAsync();
                bool more;
                try
                {
                    if (!next.IsCompleted)
                    {
                        await body.FlushAsync(cancel); // what was written goes out before waiting for more
                        var nextTask = next.AsTask();
                        while (await Task.WhenAny(nextTask, idle ??= Task.Delay(heartbeat, cancel)) != nextTask)
                        {
                            cancel.ThrowIfCancellationRequested();
                            idle = null;
                            var quiet = Stopwatch.GetElapsedTime(lastSent);
                            if (quiet < heartbeat)
                            {
                                idle = Task.Delay(heartbeat - quiet, cancel);
                                continue;
                            }
                            body.Write(HeartbeatFrame);
                            await body.FlushAsync(cancel);
                            lastSent = Stopwatch.GetTimestamp();
                        }
                        next = new ValueTask<bool>(nextTask);
                    }
                    more = await next;
                }
                catch (Exception e) when (e is TooSlowException or ResumeGoneException)
                {
                    body.Write(SseFrames.Event("error", new ErrorMessage(e is TooSlowException ? "too_slow" : "gone", e.Message)));
                    await body.FlushAsync(cancel);
                    return;
                }
                if (!more) break;
                body.Write(reader.Current.SseFrame.Span);
                lastSent = Stopwatch.GetTimestamp();
            }
            await body.FlushAsync(cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // the client went away
        }
    }
}
