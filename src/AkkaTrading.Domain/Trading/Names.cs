namespace AkkaTrading.Domain.Trading;

public static class Names
{
    /// <summary>A valid bot or asset name: letters, digits, '-', '_' and '.', starting with a letter or digit (safe in file names and
    /// actor paths).</summary>
    public static bool IsValid(string text) =>
        text.Length > 0 && char.IsAsciiLetterOrDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public const string Rule = "letters, digits, '-', '_' and '.'";
}
