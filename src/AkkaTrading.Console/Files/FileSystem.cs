using System.Runtime.InteropServices;

namespace AkkaTrading.Console.Files;

public enum FileKind { Missing, Regular, Directory, SymbolicLink, Other }

/// <summary>What is at a path, and which file it is (device and inode), so that one file reached by two paths is recognised.</summary>
public readonly record struct FileStatus(FileKind Kind, ulong Device, ulong Inode)
{
    public bool Exists => Kind != FileKind.Missing;
    public bool IsSameFileAs(FileStatus other) => Exists && other.Exists && Device == other.Device && Inode == other.Inode;
}

/// <summary>
/// The few POSIX facts .NET does not expose: a file's type (a FIFO or a device is not a regular file) and its
/// identity, and a path with every symbolic link resolved.
/// </summary>
public static class FileSystem
{
#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code
    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat(string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int LStat(string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPath(string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
#pragma warning restore SYSLIB1054

    private const uint TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000, LinkType = 0xA000;

    /// <summary>The file at <paramref name="path"/>; with <paramref name="followLinks"/> false a symbolic link is reported as
    /// one.</summary>
    public static FileStatus Status(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
            return PortableStatus(path, followLinks);
        var buffer = new byte[256];
        if ((followLinks ? Stat(path, buffer) : LStat(path, buffer)) != 0) return default;
        // struct stat: st_dev and st_ino first on both; st_mode after st_nlink (8 bytes) on x64, before it on arm64.
        var modeOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 24 : 16;
        var kind = (BitConverter.ToUInt32(buffer, modeOffset) & TypeMask) switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            LinkType => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
    }

    /// <summary>
    /// The absolute path with every symbolic link and '..' resolved; for a path that does not exist (yet), its
    /// directory resolved and its name appended.
    /// </summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        if (full.Length == 0 || !OperatingSystem.IsLinux()) return full.Length == 0 ? "/" : full;
        var resolved = RealPath(full, IntPtr.Zero);
        if (resolved != IntPtr.Zero)
        {
            try { return Marshal.PtrToStringUTF8(resolved)!; }
            finally { Free(resolved); }
        }
        var dir = Path.GetDirectoryName(full);
        return dir is null ? full : Path.Combine(Resolve(dir), Path.GetFileName(full));
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> itself or lies anywhere below it.</summary>
    public static bool IsWithin(string path, string directory)
    {
        var dir = Resolve(directory).TrimEnd('/');
        var resolved = Resolve(path);
        return resolved == dir || resolved.StartsWith(dir + "/", StringComparison.Ordinal);
    }

    private static FileStatus PortableStatus(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null) return default;
        if (!followLinks && info.LinkTarget is not null) return new FileStatus(FileKind.SymbolicLink, 0, 0);
        var id = (ulong)Path.GetFullPath(path).GetHashCode();
        return new FileStatus(info is DirectoryInfo ? FileKind.Directory : FileKind.Regular, 0, id);
    }
}
