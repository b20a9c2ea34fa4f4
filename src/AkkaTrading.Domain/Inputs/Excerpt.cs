using System.Text;

namespace AkkaTrading.Domain.Inputs;

/// <summary>
/// The one way every reader quotes user input in an error: control characters escaped and long text cut
/// with an ellipsis, so that a message never carries a 10 MB line or raw terminal escapes.
/// </summary>
public static class Excerpt
{
    public const int MaxChars = 60;

    public static string Of(ReadOnlySpan<char> text, int maxChars = MaxChars)
    {
        var result = new StringBuilder(Math.Min(text.Length, maxChars) + 8);
        foreach (var c in text)
        {
            if (result.Length >= maxChars) return result.Append('…').ToString();
            result.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return result.ToString();
    }
}
