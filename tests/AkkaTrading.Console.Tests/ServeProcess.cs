using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// <c>serve</c> as a real process on free loopback ports, started and ready (its "Serving on" line read). Its output is drained
/// as it comes: a busy server must never block on a full pipe.
/// </summary>
public sealed partial class ServeProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly AppProcess _app;
    private readonly Task<List<string>> _drained;

    private ServeProcess(AppProcess app, Uri url)
    {
        _app = app;
        Url = url;
        _drained = Task.Run(async () =>
        {
            var lines = new List<string>();
            while (await app.Process.StandardOutput.ReadLineAsync() is { } line) lines.Add(line);
            return lines;
        });
    }

    /// <summary>The HTTP API's base address, such as <c>http://127.0.0.1:43117/</c>.</summary>
    public Uri Url { get; }

    public System.Diagnostics.Process Process => _app.Process;

    /// <param name="args">what follows <c>serve</c> besides the addresses (which are port 0) and <c>--plain</c></param>
    public static async Task<ServeProcess> StartAsync(params string[] args)
    {
        var app = new AppProcess(["serve", .. args, "--urls", "http://127.0.0.1:0", "--grpc-url", "http://127.0.0.1:0", "--plain"]);
        try
        {
            string line;
            while (!(line = await app.NextLine()).StartsWith("Serving on ", StringComparison.Ordinal)) { }
            return new ServeProcess(app, new Uri(HttpUrl().Match(line).Value + "/"));
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Kills it with SIGKILL, as a crash or the OOM killer would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _app.Process.Kill();
        await _app.Process.WaitForExitAsync().WaitAsync(Patience);
    }

    /// <summary>Stops it with Ctrl+C (SIGINT): its exit code, once its output is drained.</summary>
    public async Task<int> StopAsync()
    {
        Assert.True(_app.Signal(2));
        await _app.Process.WaitForExitAsync().WaitAsync(Patience);
        await _drained.WaitAsync(Patience);
        return _app.Process.ExitCode;
    }

    /// <summary>What it printed on its output, once it has ended.</summary>
    public async Task<string> OutputAsync() => string.Join('\n', await _drained.WaitAsync(Patience));

    public Task<string> Errors => _app.Errors;

    public void Dispose() => _app.Dispose();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex HttpUrl();
}
