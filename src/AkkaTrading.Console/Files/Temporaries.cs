using System.Collections.Concurrent;

namespace AkkaTrading.Console.Files;

/// <summary>
/// The temporary files and directories this process has created and not yet committed or removed, so that a
/// second Ctrl+C, SIGTERM or SIGHUP (which ends the process at once) can still remove them.
/// </summary>
public static class Temporaries
{
    private static readonly ConcurrentDictionary<string, byte> Paths = new();

    /// <summary>A name beside <paramref name="destination"/> that nothing has: <c>.NAME.RANDOM.tmp</c> in the same directory.</summary>
    public static string NameBeside(string destination)
    {
        var full = Path.GetFullPath(destination).TrimEnd('/');
        var dir = Path.GetDirectoryName(full)!;
        while (true)
        {
            var candidate = Path.Combine(dir, $".{Path.GetFileName(full)}." +
                $"{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}.tmp");
            if (!FileSystem.Status(candidate, followLinks: false).Exists) return candidate;
        }
    }

    public static void Add(string path) => Paths.TryAdd(path, 0);

    public static void Forget(string path) => Paths.TryRemove(path, out _);

    /// <summary>Removes <paramref name="path"/> (a file or a whole directory) that this process created, and forgets it.</summary>
    public static void Remove(string path)
    {
        try
        {
            var status = FileSystem.Status(path, followLinks: false);
            if (status.Kind == FileKind.Directory) Directory.Delete(path, recursive: true);
            else if (status.Exists) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name says it is a temporary.
        }
        Forget(path);
    }

    public static void RemoveAll()
    {
        foreach (var path in Paths.Keys) Remove(path);
    }
}
