namespace AkkaTrading.Domain.Trading;

public static class Names
{
    /// <summary>The longest name: far beyond any real symbol or bot, short enough that names cannot fill logs or memory.</summary>
    public const int MaxLength = 64;

    /// <summary>A valid bot or asset name: up to <see cref="MaxLength"/> letters, digits, '-', '_' and '.', starting with a letter or
    /// digit (safe in file names and actor paths).</summary>
    public static bool IsValid(string text) =>
        text.Length is > 0 and <= MaxLength && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public const string Rule = "at most 64 letters, digits, '-', '_' and '.'";
}
