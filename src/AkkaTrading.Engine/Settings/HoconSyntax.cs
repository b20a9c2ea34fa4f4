namespace AkkaTrading.Engine.Settings;

/// <summary>
/// Checks HOCON text for the structural mistakes Akka's lenient parser lets through (unbalanced or
/// mismatched brackets, unterminated strings, a key without a value), naming the file and the line.
/// </summary>
public static class HoconSyntax
{
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
                    open.Push((c, line));
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0) throw Problem(line, $"'{c}' closes nothing");
                    var (bracket, openedOn) = open.Pop();
                    if (bracket != expected) throw Problem(line, $"'{c}' closes the '{bracket}' opened on line {openedOn}");
                    break;
                case '$' when i + 1 < text.Length && text[i + 1] == '{':
                    var end = text.IndexOf('}', i);
                    if (end < 0) throw Problem(line, "a substitution '${' is not closed");
                    i = end;
                    break;
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
