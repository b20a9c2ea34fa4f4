namespace AkkaTrading.Console.Files;

/// <summary>
/// Passes writes on until the first one fails (a full disk, an I/O error), then records that failure, signals
/// <see cref="Failed"/> and drops the rest: the writer (an actor) carries on unharmed while the app stops the run
/// and reports the error, and nothing is committed.
/// </summary>
internal sealed class GuardedStream(Stream inner) : Stream
{
    private readonly CancellationTokenSource _failed = new();

    public Exception? Error { get; private set; }
    public CancellationToken Failed => _failed.Token;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Error is not null) return;
        try { inner.Write(buffer); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Fail(e); }
    }

    public override void Flush() => Guard(inner.Flush);

    /// <summary>Flushes through to the disk, so that a rename afterwards never publishes a file the disk does not hold.</summary>
    public void FlushToDisk() => Guard(() =>
    {
        if (inner is FileStream file) file.Flush(flushToDisk: true);
        else inner.Flush();
    });

    protected override void Dispose(bool disposing)
    {
        if (disposing) Guard(inner.Dispose);
        base.Dispose(disposing);
    }

    private void Guard(Action action)
    {
        if (Error is not null) return;
        try { action(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Fail(e); }
    }

    private void Fail(Exception e)
    {
        Error = e;
        _failed.Cancel();
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
