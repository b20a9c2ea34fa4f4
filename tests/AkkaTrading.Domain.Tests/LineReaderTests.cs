using AkkaTrading.Domain.Inputs;

namespace AkkaTrading.Domain.Tests;

public sealed class LineReaderTests
{
    private static List<(string? Line, bool TooLong)> Lines(string text, int max)
    {
        using var reader = new LineReader(new StringReader(text), max);
        var lines = new List<(string?, bool)>();
        string? line;
        do lines.Add((line = reader.ReadLine(out var tooLong), tooLong));
        while (line is not null);
        return lines;
    }

    [Fact]
    public void Lines_end_like_TextReader_ReadLine() =>
        Assert.Equal([("a", false), ("", false), ("b", false), ("c", false), ("d", false), (null, false)], Lines("a\n\nb\r\nc\rd", 10));

    [Fact]
    public void A_line_longer_than_allowed_is_flagged_with_its_start_and_the_next_line_follows() =>
        Assert.Equal([("abc", true), ("x", false), (null, false)], Lines("abcdef\nx", 3));

    [Fact]
    public void A_line_of_exactly_the_limit_is_read_whole() =>
        Assert.Equal([("abc", false), (null, false)], Lines("abc", 3));
}
