using System.Text;

namespace AkkaTrading.Domain.Inputs;

/// <summary>
/// Reads lines like <see cref="TextReader.ReadLine"/> (ended by \n, \r or \r\n) but never holds more than
/// <c>maxChars</c> of one: a gigabyte without a newline is refused after its first few kilobytes.
/// </summary>
public sealed class LineReader(TextReader reader, int maxChars) : IDisposable
{
    private readonly char[] _buffer = new char[16384];
    private readonly StringBuilder _line = new();
    private int _position, _length;
    private bool _restOfLineToSkip;

    /// <summary>The next line, or null at the end; when it is longer than allowed, its start and <paramref name="tooLong"/> set.</summary>
    public string? ReadLine(out bool tooLong)
    {
        tooLong = false;
        _line.Clear();
        if (_restOfLineToSkip) SkipRestOfLine(); // only when asked for the next line: the caller may stop at a too-long one
        var any = false;
        while (Fill())
        {
            any = true;
            var span = _buffer.AsSpan(_position, _length - _position);
            var end = span.IndexOfAny('\r', '\n');
            var take = end < 0 ? span.Length : end;
            if (_line.Length + take > maxChars)
            {
                tooLong = true;
                _restOfLineToSkip = true;
                return _line.Append(span[..Math.Min(take, maxChars - _line.Length)]).ToString();
            }
            _line.Append(span[..take]);
            _position += take;
            if (end < 0) continue;
            if (_buffer[_position++] == '\r' && Fill() && _buffer[_position] == '\n') _position++;
            return _line.ToString();
        }
        return any ? _line.ToString() : null;
    }

    public void Dispose() => reader.Dispose();

    private void SkipRestOfLine()
    {
        _restOfLineToSkip = false;
        while (Fill())
        {
            var end = _buffer.AsSpan(_position, _length - _position).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                _position = _length;
                continue;
            }
            _position += end;
            if (_buffer[_position++] == '\r' && Fill() && _buffer[_position] == '\n') _position++;
            return;
        }
    }

    private bool Fill()
    {
        if (_position < _length) return true;
        _position = 0;
        _length = reader.Read(_buffer, 0, _buffer.Length);
        return _length > 0;
    }
}
