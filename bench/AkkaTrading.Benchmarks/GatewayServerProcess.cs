using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AkkaTrading.Gateway;
using AkkaTrading.Gateway.Events;
using Microsoft.Extensions.DependencyInjection;

namespace AkkaTrading.Benchmarks;

/// <summary>
/// The load benchmark's server in a process of its own, so that its memory, CPU and GC pauses are measured apart from the
/// clients'. Prints <c>url BASE</c> once listening, then answers one line per command read from stdin; stops at the end of stdin.
/// </summary>
public static class GatewayServerProcess
{
    /// <summary>What the server's own runtime reports: GC pause so far, the thread pool's queue and threads.</summary>
    public sealed record Stats(double GcPauseMillis, long PendingWorkItems, int Threads);

    /// <param name="persistence">HOCON lines of <c>akka-trading.persistence</c> (the ledger in memory unless given)</param>
    public static async Task<int> RunAsync(string? persistence = null)
    {
        var answers = System.Console.Out;
        System.Console.SetOut(System.Console.Error); // whatever the server logs stays out of the answers
        var config = persistence is null ? GatewayLoad.Config() : GatewayLoad.Config(persistence);
        await using var server = await TradingServer.StartAsync(config.Settings, config.Config, urls: ["http://127.0.0.1:0"],
            grpcUrl: "http://127.0.0.1:0");
        await answers.WriteLineAsync("url " + server.Urls[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var exchange = server.Services.GetRequiredService<ExchangeClient>();
        while (System.Console.ReadLine() is { } command)
        {
            var words = command.Split(' ');
            object answer = words[0] switch
            {
                "stats" => new Stats(GC.GetTotalPauseDuration().TotalMilliseconds, ThreadPool.PendingWorkItemCount, ThreadPool.ThreadCount),
                "alone" => await GatewayOrders.ExchangeAloneAsync(exchange, GatewayLoad.BotList(),
                    TimeSpan.FromSeconds(double.Parse(words[2], CultureInfo.InvariantCulture)), words[1]),
                _ => throw new InvalidOperationException($"unknown command '{command}'"),
            };
            await answers.WriteLineAsync(JsonSerializer.Serialize(answer, answer.GetType()));
            await answers.FlushAsync();
        }
        return 0;
    }
}

/// <summary>The parent's side of <see cref="GatewayServerProcess"/>: starts it, asks it, reads its memory and CPU from /proc.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _oneAtATime = new(1);

    private ServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }
    public int Id => _process.Id;

    /// <param name="persistence">HOCON lines of the server's <c>akka-trading.persistence</c></param>
    public static async Task<ServerProcess> StartAsync(string? persistence = null)
    {
        // the same program, run as its server: the apphost directly, or `dotnet the.dll` when started that way
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        start.ArgumentList.Add("gateway-server");
        if (persistence is not null) start.ArgumentList.Add(persistence);
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
            if (line.StartsWith("url ", StringComparison.Ordinal)) return new ServerProcess(process, new Uri(line[4..] + "/"));
        throw new InvalidOperationException($"the server process ended before listening (exit code {process.ExitCode})");
    }

    public async Task<T> AskAsync<T>(string command)
    {
        await _oneAtATime.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the server process ended");
            return JsonSerializer.Deserialize<T>(line)!;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public TimeSpan Cpu()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The server's peak resident set (VmHWM).</summary>
    public long PeakBytes() => GatewayLoad.PeakBytes($"/proc/{_process.Id}/status");

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close(); // the server stops at the end of its input
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill();
        _process.Dispose();
        _oneAtATime.Dispose();
        await Task.CompletedTask;
    }
}
