using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AkkaTrading.Tests.Shared;

/// <summary>
/// What tests that drive real outside programs need: Node packages installed once into a cache (from the configured npm
/// registry), Debian's chromium, a Python module. A test that cannot have one is skipped saying what to install
/// (<c>.ci/run</c> installs all of them and fails on any skip). Linked into each test project that needs it.
/// </summary>
public static class ExternalTools
{
    private static readonly string Cache = Environment.GetEnvironmentVariable("AKKA_TRADING_TEST_CACHE")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "akka-trading-tests");

    /// <summary>
    /// A directory whose <c>node_modules</c> holds exactly <paramref name="packages"/> (each <c>name@version</c>, pinned),
    /// installing them the first time; the test is skipped when node or npm is missing or the install fails.
    /// Safe when several test processes ask at once.
    /// </summary>
    public static string NodePackages(params string[] packages)
    {
        Skip.If(Which("node") is null || Which("npm") is null, "needs Node.js and npm (apt-get install nodejs npm)");
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", packages.Order()))))[..16];
        var dir = Path.Combine(Cache, $"node-{key}");
        var done = Path.Combine(dir, ".installed");
        if (File.Exists(done)) return dir;
        Directory.CreateDirectory(dir);
        using var held = Lock(Path.Combine(dir, ".lock"));
        if (File.Exists(done)) return dir;
        File.WriteAllText(Path.Combine(dir, "package.json"), "{ \"private\": true }\n");
        var (code, output) = Run("npm", dir, TimeSpan.FromMinutes(5),
            ["install", "--no-audit", "--no-fund", "--save-exact", "--loglevel=error", .. packages]);
        Skip.If(code != 0, $"npm install {string.Join(' ', packages)} failed ({code}): {Tail(output)}");
        File.WriteAllText(done, string.Join("\n", packages));
        return dir;
    }

    /// <summary>Debian's chromium (browsers cannot be downloaded here); the test is skipped without it.</summary>
    public static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? Which("chromium") ?? Which("chromium-browser");
        Skip.If(path is null, "needs Debian's chromium (apt-get install chromium)");
        return path!;
    }

    /// <summary>The python3 that has <paramref name="module"/>; the test is skipped without it.</summary>
    public static string Python(string module, string debianPackage)
    {
        var python = Which("python3");
        Skip.If(python is null, "needs python3");
        var (code, _) = Run(python!, Environment.CurrentDirectory, TimeSpan.FromSeconds(30), ["-c", $"import {module}"]);
        Skip.If(code != 0, $"needs the Python module '{module}' (apt-get install {debianPackage})");
        return python!;
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>): its exit code and its output and errors.</summary>
    public static (int ExitCode, string Output) Run(string program, string directory, TimeSpan timeout, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{output}");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];

    /// <summary>An exclusive lock on a file, shared by every process: waits (up to 10 minutes) while another holds it.</summary>
    private static FileStream Lock(string path)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(10))
            {
                Thread.Sleep(200); // another test process is installing the same packages
            }
        }
    }
}
