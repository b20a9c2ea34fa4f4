using System.Runtime.InteropServices;
using System.Text;

namespace AkkaTrading.Domain.Inputs;

/// <summary>
/// Opens user-named input files safely: only regular files (a FIFO would block the reader, a device such as
/// /dev/zero never ends), and files read whole are bounded in size. Failures are <see cref="IOException"/>s
/// with a message fit for the user; each reader wraps them in its own error type.
/// </summary>
public static class InputFile
{
    /// <summary>The largest configuration or scripted scenario read whole: hundreds of times the shipped ones.</summary>
    public const int MaxWholeFileBytes = 4 * 1024 * 1024;

    /// <summary>Why <paramref name="path"/> cannot be read as an input file, or null if it is an existing regular file.</summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path)) return "is a directory, not a file";
        if (!File.Exists(path)) return "no such file";
        return Kind(path) is FileKind.Regular or FileKind.Unknown
            ? null
            : "is not a regular file (a FIFO, a device or a socket cannot be read as input)";
    }

    public static FileStream Open(string path, int bufferSize = 4096)
    {
        if (Problem(path) is { } problem) throw new IOException(problem);
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open, Access = FileAccess.Read, Options = FileOptions.SequentialScan, BufferSize = bufferSize,
        });
    }

    /// <summary>Reads a whole UTF-8 text file of at most <see cref="MaxWholeFileBytes"/> bytes.</summary>
    public static string ReadAllText(string path)
    {
        using var stream = Open(path);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        // Counts what is really read rather than trusting the reported length, which a growing file can outrun.
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxWholeFileBytes)
                throw new IOException($"the file is larger than {MaxWholeFileBytes / (1024 * 1024)} MB, the most read here");
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private enum FileKind { Regular, Other, Unknown }

    private static FileKind Kind(string path)
    {
        if (!OperatingSystem.IsLinux()) return FileKind.Unknown;
        var buffer = new byte[256];
        // statx(2) has one layout on every Linux architecture; stx_mode is the 16 bits at offset 28.
        if (Native.statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0) return FileKind.Unknown;
        var mode = BitConverter.ToUInt16(buffer, 28);
        return (mode & FileTypeMask) == RegularFile ? FileKind.Regular : FileKind.Other;
    }

    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int FileTypeMask = 0xF000, RegularFile = 0x8000;

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
    }
}
