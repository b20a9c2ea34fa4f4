using AkkaTrading.Console;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await App.RunAsync(args, Console.Out, Console.Error, stop.Token);
