using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Npgsql;

namespace AkkaTrading.Tests.Shared;

/// <summary>Postgres could not be started because it is not installed: tests Skip with <see cref="Exception.Message"/>.</summary>
public sealed class PostgresUnavailableException(string message) : Exception(message);

/// <summary>
/// A PostgreSQL server for tests: the one named by <c>AKKATRADING_TEST_POSTGRES</c> (CI may start its own), or a throwaway cluster
/// in a temp directory on a free 127.0.0.1 port, trusted, superuser <see cref="SuperUser"/>. Each test takes its own database.
/// fsync stays on: the persistence benchmarks measure durable writes.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    public const string EnvironmentVariable = "AKKATRADING_TEST_POSTGRES";
    public const string SuperUser = "akka";
    private const string DirectoryPrefix = "akkatrading-pg-";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _directory;   // null for a server we did not start
    private readonly Process? _server;      // the watchdog shell that owns the postmaster
    private readonly List<string> _databases = [];

    private PostgresCluster(string connectionString, string? directory, Process? server) =>
        (ConnectionString, _directory, _server) = (connectionString, directory, server);

    /// <summary>Connection string of the <c>postgres</c> database as superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The server named by <c>AKKATRADING_TEST_POSTGRES</c>, or null when it is unset.</summary>
    public static PostgresCluster? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } cs ? new PostgresCluster(cs, null, null) : null;

    /// <summary>Runs initdb and starts a private server; <see cref="PostgresUnavailableException"/> when it is not installed.</summary>
    public static async Task<PostgresCluster> StartAsync()
    {
        if (OperatingSystem.IsWindows())
            throw new PostgresUnavailableException($"a throwaway cluster needs Linux or macOS: set {EnvironmentVariable}");
        var bin = FindBinDirectory();
        RemoveStaleDirectories();
        var asPostgres = geteuid() == 0; // initdb and postgres refuse to run as root
        var directory = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        if (asPostgres) await RunAsync(AsPostgres(true, "mkdir", "-m", "700", directory)); // owned by postgres so it can write
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString());
            var data = Path.Combine(directory, "data");
            // --no-sync: the cluster is thrown away, so initdb need not flush its files; the server itself keeps fsync on.
            await RunAsync(AsPostgres(asPostgres, Path.Combine(bin, "initdb"), "-D", data, "-U", SuperUser, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await LaunchAsync(bin, directory, data, FreePort(), asPostgres);
                }
                catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("could not bind"))
                {
                    // another process took the port between FreePort and the bind: try another
                }
            }
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>Creates an empty database (name: letters, digits, '_') and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (!SafeName().IsMatch(name)) throw new ArgumentException($"database name '{name}' must match {SafeName()}", nameof(name));
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        lock (_databases) _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops our server and deletes its directory; on a server from the environment, drops the databases we created.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            await DropDatabasesAsync();
            return;
        }
        await StopAsync(_server);
        TryDelete(_directory!);
    }

    private static async Task StopAsync(Process server)
    {
        server.StandardInput.Close(); // the watchdog reads EOF and sends SIGQUIT, what `pg_ctl stop -m immediate` sends
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await server.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { server.Kill(entireProcessTree: true); }
        server.Dispose();
    }

    private async Task DropDatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            // FORCE (Postgres 13+) ends the pooled connections the test left open
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<PostgresCluster> LaunchAsync(string bin, string directory, string data, int port, bool asPostgres)
    {
        // The shell runs the postmaster and a watchdog that waits for EOF on our stdin pipe, which the kernel closes when this
        // process dies in any way (even SIGKILL), then SIGQUITs the postmaster: nothing outlives a killed test run.
        // (PR_SET_PDEATHSIG is no substitute: it fires when the forking *thread* exits, and .NET retires pool threads.)
        // fd 3: sh gives background jobs /dev/null as stdin unless they redirect it explicitly.
        // fsync on: the benchmarks measure durable writes. 300 connections: every test database gets its own Npgsql pool.
        const string script = """
            exec 3<&0
            "$0" -D "$1" -h 127.0.0.1 -p "$2" -k "$3" -c fsync=on -c max_connections=300 </dev/null >>"$4" 2>&1 &
            pid=$!
            (cat <&3 >/dev/null; kill -QUIT "$pid" 2>/dev/null) &
            wait "$pid"
            """;
        var start = AsPostgres(asPostgres, "sh", "-c", script, Path.Combine(bin, "postgres"), data, port.ToString(), directory,
            Path.Combine(directory, "server.log"));
        start.RedirectStandardInput = true;
        var server = Process.Start(start) ?? throw new InvalidOperationException("could not start sh");
        server.BeginOutputReadLine(); // drained so a chatty runuser can never block on a full pipe
        server.BeginErrorReadLine();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = SuperUser, Database = "postgres", Timeout = 15, IncludeErrorDetail = true,
        }.ConnectionString;
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(100);
            // Pooling off: a probe must not leave connections behind to a server that was not ready.
            try
            {
                await using var probe = new NpgsqlConnection(
                    new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 2 }.ConnectionString);
                await probe.OpenAsync();
                return new PostgresCluster(connectionString, directory, server);
            }
            catch (NpgsqlException) when (!server.HasExited && waited.Elapsed < StartTimeout)
            {
                // not accepting connections yet
            }
            catch (Exception e)
            {
                var why = server.HasExited ? $"exited with {server.ExitCode}"
                    : $"not ready after {StartTimeout.TotalSeconds} s ({e.Message})";
                await StopAsync(server); // StartAsync deletes the directory
                throw new InvalidOperationException($"postgres on 127.0.0.1:{port} {why}; server.log:\n{LogTail(directory)}");
            }
        }
    }

    /// <summary>Where initdb and postgres are: PATH, else the newest /usr/lib/postgresql/N/bin (Debian keeps them off PATH).</summary>
    private static string FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres")));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => (Version: decimal.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var v) ? v : -1,
                    Bin: Path.Combine(dir, "bin")))
                .Where(x => File.Exists(Path.Combine(x.Bin, "initdb"))).OrderByDescending(x => x.Version)
                .Select(x => x.Bin).FirstOrDefault()
            : null;
        return onPath ?? debian ?? throw new PostgresUnavailableException(
            "needs PostgreSQL's initdb and postgres (install Debian's postgresql: apt-get install postgresql), " +
            $"or set {EnvironmentVariable} to a connection string");
    }

    /// <summary>The program run as the postgres user when we are root (runuser keeps stdin, so the watchdog still works).</summary>
    private static ProcessStartInfo AsPostgres(bool asPostgres, string program, params string[] arguments)
    {
        if (asPostgres && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
            throw new PostgresUnavailableException("running as root needs runuser (util-linux) to start postgres as user postgres");
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/",
        };
        if (asPostgres) foreach (var argument in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(argument);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C"; // initdb must not depend on the test machine's locale
        return start;
    }

    /// <summary>Runs a short command to its end (killed after a minute); throws with its output when it fails.</summary>
    private static async Task RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        var command = string.Join(' ', start.ArgumentList.Prepend(start.FileName));
        if (!process.HasExited || process.ExitCode != 0)
            throw new InvalidOperationException($"`{command}` failed ({(process.HasExited ? process.ExitCode : "timeout")}):\n" +
                await output + await errors);
    }

    /// <summary>A port free now on 127.0.0.1 (the OS picks it); LaunchAsync retries if someone else binds it first.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LogTail(string directory)
    {
        var log = Path.Combine(directory, "server.log");
        var text = File.Exists(log) ? File.ReadAllText(log) : "(no server.log)";
        return text.Length <= 3000 ? text : text[^3000..];
    }

    /// <summary>Directories left by killed test runs (their server is gone with them): deleted when their owner is dead.</summary>
    private static void RemoveStaleDirectories()
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
        {
            var owner = Path.Combine(directory, "owner.pid");
            if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) && !Directory.Exists($"/proc/{pid}"))
                TryDelete(directory);
        }
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { } // best effort: a leftover temp directory must not fail the test
        catch (UnauthorizedAccessException) { }
    }

    // DllImport, not LibraryImport: the latter needs AllowUnsafeBlocks in every test project that links this file.
    [DllImport("libc")]
    private static extern uint geteuid();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SafeName();
}
