using System.Runtime.InteropServices;
using AkkaTrading.Console;
using AkkaTrading.Console.Files;

// Ctrl+C, SIGTERM and SIGHUP end every command cleanly: a live run stops early with its summary, a replay stops
// and commits nothing. A second signal ends the process at once, still removing the temporary files.
using var stop = new CancellationTokenSource();
var signals = 0;
void OnSignal(PosixSignalContext context)
{
    if (Interlocked.Increment(ref signals) == 1)
    {
        context.Cancel = true;
        stop.Cancel();
    }
    else
    {
        Temporaries.RemoveAll();
    }
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
return await App.RunAsync(args, Console.Out, Console.Error, stop.Token);
