using AkkaTrading.Console.Files;
using CsCheck;

namespace AkkaTrading.Console.Tests;

/// <summary>
/// The commit logic alone, with a disk that fills up after a given number of bytes: a failed write leaves the
/// earlier destination intact and no partial or temporary file behind.
/// </summary>
public sealed class FileCommitTests
{
    /// <summary>A file stream on a disk with room for <paramref name="room"/> more bytes.</summary>
    private sealed class FullDisk(Stream inner, long room) : Stream
    {
        private long _written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > room) throw new IOException("No space left on device");
            _written += buffer.Length;
            inner.Write(buffer);
        }

        public override void Flush() => inner.Flush();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static string[] Entries(string dir) => [.. Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order()!];

    [Fact]
    public void A_full_disk_leaves_the_earlier_trade_log_intact_and_no_partial_file()
    {
        var path = RepoFiles.ScratchFile("trades.csv", "the earlier log\n");
        var log = TradeLogFile.Create(path, file => new FullDisk(file, room: 100_000));

        for (var i = 0; i < 10_000 && !log.Failed.IsCancellationRequested; i++) log.Writer.WriteLine($"{i},bot,BUY,ALFA,1,100.00,0");

        Assert.True(log.Failed.IsCancellationRequested);
        var error = Assert.Throws<OutputException>(log.Commit);
        Assert.Equal($"--trades: cannot write '{path}': No space left on device; nothing was written and an earlier file there is " +
            $"unchanged", error.Message);
        log.Dispose();
        Assert.Equal("the earlier log\n", File.ReadAllText(path));
        Assert.Equal(["trades.csv"], Entries(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Whatever_the_room_on_the_disk_the_destination_holds_either_the_earlier_log_or_the_whole_new_one() =>
        Gen.Select(Gen.Int[0, 4000], Gen.Int[0, 300], Gen.Bool).Sample((room, rows, committed) =>
        {
            var path = RepoFiles.ScratchFile("trades.csv", "earlier\n");
            var lines = Enumerable.Range(0, rows).Select(i => $"{i},bot,SELL,ALFA,{i + 1},9.99,0").ToList();
            using (var log = TradeLogFile.Create(path, file => new FullDisk(file, room)))
            {
                foreach (var line in lines) log.Writer.WriteLine(line);
                if (committed)
                {
                    try { log.Commit(); }
                    catch (OutputException) { }
                }
            }
            var text = File.ReadAllText(path);
            var whole = string.Concat(lines.Select(l => l + "\n"));
            Assert.True(text == "earlier\n" || (committed && text == whole), $"room {room}, rows {rows}: {text.Length} chars");
            Assert.Equal(["trades.csv"], Entries(Path.GetDirectoryName(path)!));
        }, iter: 200);

    [Fact]
    public void A_report_that_fails_half_way_leaves_the_earlier_report_and_no_temporary_directory()
    {
        var dir = RepoFiles.Scratch("report");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "report.md"), "earlier");
        var stage = StagedReport.Prepare(new Cli.ReportOptions(dir, Force: true));

        var error = Assert.Throws<OutputException>(() => stage.Publish(staging =>
        {
            File.WriteAllText(Path.Combine(staging, "trades.csv"), "half");
            throw new IOException("No space left on device");
        }));

        Assert.StartsWith($"--report: cannot write the report into '{dir}': No space left on device", error.Message);
        Assert.Equal(["report.md"], Entries(dir));
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(dir, "report.md")));
        Assert.Equal(["report"], Entries(Path.GetDirectoryName(dir)!));
    }

    [Fact]
    public void A_report_abandoned_before_it_is_published_leaves_nothing()
    {
        var dir = RepoFiles.Scratch("report");
        using (StagedReport.Prepare(new Cli.ReportOptions(dir, Force: false))) { }
        Assert.Empty(Entries(Path.GetDirectoryName(dir)!));
    }
}
