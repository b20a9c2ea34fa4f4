using AkkaTrading.Domain.Inputs;

namespace AkkaTrading.Domain.Tests;

public sealed class ExcerptTests
{
    [Theory]
    [InlineData("ALFA", "ALFA")]
    [InlineData("a\tb\r\nc\u0000\u001b[31m\u2028", "a\\tb\\r\\nc\\u0000\\u001b[31m\\u2028")]
    public void Control_characters_are_escaped(string text, string excerpt) => Assert.Equal(excerpt, Excerpt.Of(text));

    [Fact]
    public void Long_text_is_cut_to_sixty_characters_with_an_ellipsis()
    {
        Assert.Equal(new string('x', 60), Excerpt.Of(new string('x', 60)));
        Assert.Equal(new string('x', 60) + "…", Excerpt.Of(new string('x', 10_000_000)));
    }
}
