using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// A ledger store that <c>serve</c> and <c>ledger verify</c> cannot use (damaged, in use, of an unknown version, not creatable)
/// is refused as real processes see it: one line <c>error: ...</c> naming what is wrong, exit 2, no stack trace anywhere, and
/// the ledger's files byte for byte as they were.
/// </summary>
public sealed partial class LedgerBadStoreTests
{
    private const string Token = "alice-secret-token-123";

    [Fact]
    public async Task A_damaged_database_is_refused_by_serve_and_ledger_verify_naming_the_file()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = NewDataDir("akka-trading-ledger 1");
        var database = Path.Combine(dir, "ledger.db");
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(database, garbage);
        var before = Contents(dir);

        AssertRefused(await ServeAsync(dir), $"error: {database} is damaged or not a SQLite database: ");
        AssertRefused(await VerifyAsync(dir), $"error: {database} is damaged or not a SQLite database: ");
        Assert.Equal(before, Contents(dir));
    }

    [Fact]
    public async Task A_data_directory_in_use_by_a_running_server_is_refused_and_that_server_runs_on()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = RepoFiles.Scratch("data");
        using var first = await ServeProcess.StartAsync("--data-dir", dir);

        var inUse = $"error: the data directory {dir} is in use by another running server (server.lock is locked)";
        AssertRefused(await ServeAsync(dir), inUse);
        AssertRefused(await VerifyAsync(dir), inUse);

        using var client = first.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/prices")).StatusCode);
        Assert.Equal(0, await first.StopAsync());
    }

    [Fact]
    public async Task A_journal_event_of_an_unknown_version_stops_serve_and_verify_naming_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (dir, config) = await RealLedgerAsync();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "ledger.db")};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            // as a newer version would write it: the manifest names the record and its version
            // (events are written in batches, each event with its manifest inside)
            update.CommandText = "UPDATE journal SET message = CAST(REPLACE(CAST(message AS TEXT), '\"fill/1\"', '\"fill/99\"') AS BLOB) " +
                "WHERE ordering = (SELECT MIN(ordering) FROM journal WHERE CAST(message AS TEXT) LIKE '%\"fill/1\"%')";
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        var before = Contents(dir);

        var unknown = "error: the ledger cannot be read: the ledger holds a record 'fill/99' that this version of AkkaTrading does not " +
            "know (written by a newer version?)";
        AssertRefused(await ServeAsync(dir, config), unknown);
        AssertRefused(await VerifyAsync(dir), unknown);
        Assert.Equal(before, Contents(dir));
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_is_refused()
    {
        if (!OperatingSystem.IsLinux()) return;
        // not a read-only directory: the tests may run as root, who writes into one anyway
        var file = RepoFiles.ScratchFile("a-file", "not a directory\n");
        var dir = Path.Combine(file, "data");

        AssertRefused(await ServeAsync(dir), $"error: the data directory {dir} cannot be created: ");
        Assert.Equal("not a directory\n", File.ReadAllText(file));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public async Task A_ledger_of_another_format_is_refused_by_serve_and_ledger_verify()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = NewDataDir("akka-trading-ledger 2");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "ledger.db")};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE records (id INTEGER PRIMARY KEY, body BLOB)";
            create.ExecuteNonQuery();
        }
        var before = Contents(dir);

        var format = $"error: the data directory {dir} holds a ledger of format 'akka-trading-ledger 2'; this version of AkkaTrading " +
            "reads 'akka-trading-ledger 1'";
        AssertRefused(await ServeAsync(dir), format);
        AssertRefused(await VerifyAsync(dir), format);
        Assert.Equal(before, Contents(dir));
    }

    [Fact]
    public async Task An_empty_database_file_is_refused_not_taken_for_a_new_ledger_and_stays_empty()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = NewDataDir("akka-trading-ledger 1");
        var database = Path.Combine(dir, "ledger.db");
        File.WriteAllBytes(database, []);

        AssertRefused(await ServeAsync(dir), $"error: {database} is empty: it holds no ledger");
        AssertRefused(await VerifyAsync(dir), $"error: {database} is empty: it holds no ledger");
        Assert.Equal(0, new FileInfo(database).Length);
    }

    [Fact]
    public async Task An_export_never_writes_onto_the_ledger_or_the_configuration_it_reads()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (dir, config) = await RealLedgerAsync();
        var before = Contents(dir);
        var configText = await File.ReadAllTextAsync(config);

        foreach (var target in new[] { Path.Combine(dir, "ledger.db"), Path.Combine(dir, "FORMAT"), Path.Combine(dir, "trades.csv") })
            AssertRefused(await AppProcess.RunToEndAsync("ledger", "export", "--data-dir", dir, "--out", target),
                $"error: --out '{target}' is inside the data directory '{dir}'");
        AssertRefused(await AppProcess.RunToEndAsync("ledger", "export", "--data-dir", dir, "--config", config, "--out", config),
            $"error: --out '{config}' is the configuration file '{config}'");

        Assert.Equal(before, Contents(dir));
        Assert.Equal(configText, await File.ReadAllTextAsync(config));
        Assert.Equal(0, (await VerifyAsync(dir)).ExitCode);
    }

    [Fact]
    public async Task A_data_directory_whose_name_has_connection_string_characters_holds_its_own_ledger()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Path.Combine(RepoFiles.Scratch("x"), "semi;Data Source=elsewhere");
        using (var server = await ServeProcess.StartAsync("--data-dir", dir))
            Assert.Equal(0, await server.StopAsync());
        Assert.True(File.Exists(Path.Combine(dir, "ledger.db")), "the ledger is not in its data directory");
        Assert.Equal(0, (await VerifyAsync(dir)).ExitCode);
    }

    private static string NewDataDir(string format)
    {
        var dir = RepoFiles.Scratch("data");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "FORMAT"), format + "\n");
        return dir;
    }

    /// <summary>A ledger as a short serve run leaves it: alice's account and a few fills, stopped with Ctrl+C.</summary>
    private static async Task<(string Dir, string Config)> RealLedgerAsync()
    {
        var config = RepoFiles.ScratchFile("serve.hocon",
            $"akka-trading.gateway.remote-bots = [ {{ name = alice, token = \"{Token}\", initial-cash = 10000 }} ]\n");
        var dir = Path.Combine(Path.GetDirectoryName(config)!, "data");
        using var server = await ServeProcess.StartAsync("--config", config, "--data-dir", dir);
        using var client = server.Client(Token);
        for (var (filled, attempts) = (0, 0); filled < 3; attempts++)
        {
            using var order = await client.PostAsJsonAsync("api/v1/orders",
                new { asset = "ALFA", side = "buy", quantity = 1, clientOrderId = $"c-{attempts}" });
            if (order.StatusCode == HttpStatusCode.OK) filled++;
            else if (attempts < 100) await Task.Delay(50); // no price yet
            else Assert.Fail($"no fill: {(int)order.StatusCode} {await order.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(0, await server.StopAsync());
        return (dir, config);
    }

    private static Task<AppResult> ServeAsync(string dir, string? config = null) => AppProcess.RunToEndAsync(
        ["serve", .. config is null ? Array.Empty<string>() : ["--config", config], "--data-dir", dir,
            "--urls", "http://127.0.0.1:0", "--grpc-url", "http://127.0.0.1:0", "--plain"]);

    private static Task<AppResult> VerifyAsync(string dir) => AppProcess.RunToEndAsync("ledger", "verify", "--data-dir", dir);

    /// <summary>Exit 2, one line on stderr that starts with <paramref name="line"/>, no stack trace, no server started.</summary>
    private static void AssertRefused(AppResult result, string line)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}\n{result.Output}");
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith(line, result.Error);
        Assert.DoesNotMatch(StackFrame(), result.Output);
        Assert.DoesNotMatch(StackFrame(), result.Error);
        Assert.DoesNotContain("Serving on", result.Output);
    }

    /// <summary>Each file of the data directory with a hash of its bytes; the lock file, empty, is only ever created.</summary>
    private static SortedDictionary<string, string> Contents(string dir) =>
        new(Directory.GetFiles(dir).Where(f => Path.GetFileName(f) != "server.lock")
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    [GeneratedRegex(@"(?m)^\s+at \S+")]
    private static partial Regex StackFrame();
}
