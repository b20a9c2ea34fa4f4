namespace AkkaTrading.Engine.Settings;

/// <summary>
/// Checks HOCON text for the structural mistakes Akka's lenient parser lets through (unbalanced or
/// mismatched brackets, unterminated strings, a key without a value), naming the file and the line.
/// It also refuses what Akka's parser cannot survive, before it sees it: substitutions (a self-reference
/// overflows the stack, <c>${?x}</c> in a list loops forever), <c>+=</c> (a substitution in disguise),
/// <c>include</c> (crashes it) and deep nesting (its recursion overflows the stack).
/// </summary>
public static class HoconSyntax
{
    /// <summary>The deepest nesting of objects and lists: the configuration needs five levels.</summary>
    public const int MaxDepth = 32;

    public static void Check(string text, string file)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        var expectValue = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                continue;
            }
            if (char.IsWhiteSpace(c)) continue;
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            if (expectValue && c is '}' or ']' or ',')
                throw Problem(line, "a key has '=' or ':' but no value");
            expectValue = false;
            switch (c)
            {
                case '"':
                    i = SkipString(text, i, ref line, file);
                    break;
                case '=' or ':':
                    expectValue = true;
                    break;
                case '{' or '[':
                    if (open.Count == MaxDepth) throw Problem(line, $"objects and lists are nested deeper than {MaxDepth} levels");
                    open.Push((c, line));
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0) throw Problem(line, $"'{c}' closes nothing");
                    var (bracket, openedOn) = open.Pop();
                    if (bracket != expected) throw Problem(line, $"'{c}' closes the '{bracket}' opened on line {openedOn}");
                    break;
                case '$' when i + 1 < text.Length && text[i + 1] == '{':
                    throw Problem(line, "substitutions '${...}' are not supported: write the value itself");
                case '+' when i + 1 < text.Length && text[i + 1] == '=':
                    throw Problem(line, "'+=' is not supported: write the whole list");
                case 'i' when IsInclude(text, i):
                    throw Problem(line, "'include' is not supported: put the settings in this file");
            }
        }
        if (expectValue) throw Problem(line, "a key has '=' or ':' but no value");
        if (open.Count > 0)
        {
            var (bracket, openedOn) = open.Peek();
            throw Problem(openedOn, $"'{bracket}' is never closed");
        }

        SettingsException Problem(int at, string problem) => new($"{file}, line {at}: {problem}");
    }

    /// <summary>The word <c>include</c> followed by a quoted or <c>required(</c>/<c>file(</c>/... name, as a key would not be.</summary>
    private static bool IsInclude(string text, int at)
    {
        if (string.CompareOrdinal(text, at, "include", 0, 7) != 0) return false;
        if (at > 0 && !(char.IsWhiteSpace(text[at - 1]) || text[at - 1] is '{' or ',' or '[')) return false;
        var next = at + 7;
        while (next < text.Length && text[next] is ' ' or '\t') next++;
        var rest = text.AsSpan(next);
        return rest.StartsWith("\"") || rest.StartsWith("required(") || rest.StartsWith("file(") || rest.StartsWith("url(") || rest.StartsWith("classpath(");
    }

    private static int SkipString(string text, int start, ref int line, string file)
    {
        if (string.CompareOrdinal(text, start, "\"\"\"", 0, 3) == 0)
        {
            var close = text.IndexOf("\"\"\"", start + 3, StringComparison.Ordinal);
            if (close < 0) throw new SettingsException($"{file}, line {line}: a \"\"\" string is never closed");
            line += text.AsSpan(start, close - start).Count('\n');
            return close + 2;
        }
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '"') return i;
            if (text[i] == '\n') break;
        }
        throw new SettingsException($"{file}, line {line}: a quoted string is not closed on its line");
    }
}
