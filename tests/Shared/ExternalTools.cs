using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace AkkaTrading.Tests.Shared;

/// <summary>
/// What tests that drive real outside programs need: the Node clients pinned in <c>tests/node/package.json</c>, Debian's
/// chromium, a Python module. A test that cannot have one is skipped saying what to install
/// (<c>.ci/run</c> installs all of them and fails on any skip). Linked into each test project that needs it.
/// </summary>
public static class ExternalTools
{
    /// <summary>
    /// The directory whose <c>node_modules</c> holds the Node clients the tests drive, pinned in <c>tests/node/package.json</c>
    /// (<c>.ci/run</c> installs them; a test run installs them the first time if missing). The test is skipped when node or npm is
    /// missing or the install fails. Safe when several test processes ask at once.
    /// </summary>
    public static string NodeModules()
    {
        Skip.If(Which("node") is null || Which("npm") is null, "needs Node.js and npm (apt-get install nodejs npm)");
        var dir = Path.Combine(RepositoryRoot(), "tests", "node");
        if (Installed(dir)) return dir;
        using var held = Lock(Path.Combine(dir, ".install.lock"));
        if (Installed(dir)) return dir;
        var (code, output) = Run("npm", dir, TimeSpan.FromMinutes(5), ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
        Skip.If(code != 0, $"npm install in {dir} failed ({code}): {Tail(output)}");
        return dir;
    }

    /// <summary>Every dependency of the package.json in <paramref name="dir"/> is in its node_modules at the pinned version.</summary>
    private static bool Installed(string dir)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "package.json")));
        foreach (var dependency in manifest.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            var installed = Path.Combine(dir, "node_modules", dependency.Name, "package.json");
            if (!File.Exists(installed)) return false;
            using var package = JsonDocument.Parse(File.ReadAllText(installed));
            if (package.RootElement.GetProperty("version").GetString() != dependency.Value.GetString()) return false;
        }
        return true;
    }

    /// <summary>The checkout's root: the nearest directory above the test's binaries that holds AkkaTrading.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AkkaTrading.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no AkkaTrading.sln above {AppContext.BaseDirectory}");
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
