namespace AkkaTrading.Engine.Settings;

/// <summary>
/// Checks HOCON text for the structural mistakes Akka's lenient parser lets through (unbalanced or
/// mismatched brackets, unterminated strings, a key without a value, an object or list where no key or
/// value leads to it), naming the file and the line. It also refuses what Akka's parser cannot survive,
/// before it sees it: substitutions (a self-reference overflows the stack, <c>${?x}</c> in a list loops
/// forever), <c>+=</c> (a substitution in disguise), <c>include</c> (crashes it), deep nesting (its
/// recursion overflows the stack), and in a list a <c>key = value</c> or a character HOCON reserves
/// such as <c>&amp;</c> (both loop forever).
/// </summary>
public static class HoconSyntax
{
    /// <summary>The deepest nesting of objects and lists: the configuration needs five levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>Where the reader is: in an object before, at or after a key's value, or in a list before or after an element.</summary>
    private enum State { Key, AfterKey, Value, InValue, Element, InElement }

    public static void Check(string text, string file)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        var state = State.Key;
        var first = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                state = state switch { State.InValue => State.Key, State.InElement => State.Element, _ => state };
                continue;
            }
            if (char.IsWhiteSpace(c)) continue;
            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            var atStart = first;
            first = false;
            switch (c)
            {
                case '"':
                    i = SkipString(text, i, ref line, file);
                    state = AfterText(state);
                    break;
                case '=' or ':' when state is State.Element or State.InElement:
                    throw Problem(line, $"'{c}' inside a list: a list holds values or objects {{ ... }}");
                case '=' or ':' when state != State.AfterKey:
                    throw Problem(line, state == State.Key
                        ? $"'{c}' has no key before it"
                        : $"'{c}' follows a value: write one key = value per line");
                case '=' or ':':
                    state = State.Value;
                    break;
                case ',' or '}' or ']' when state == State.Value:
                    throw Problem(line, "a key has '=' or ':' but no value");
                case ',' or '}' or ']' when state == State.AfterKey:
                    throw Problem(line, "a key has no value");
                case ',':
                    state = state == State.InElement ? State.Element : state == State.InValue ? State.Key : state;
                    break;
                case '{' or '[':
                    if (open.Count == MaxDepth) throw Problem(line, $"objects and lists are nested deeper than {MaxDepth} levels");
                    if (Misplaced(c, state, atStart) is { } problem) throw Problem(line, problem);
                    open.Push((c, line));
                    state = c == '{' ? State.Key : State.Element;
                    break;
                case '}' or ']':
                    var expected = c == '}' ? '{' : '[';
                    if (open.Count == 0) throw Problem(line, $"'{c}' closes nothing");
                    var (bracket, openedOn) = open.Pop();
                    if (bracket != expected) throw Problem(line, $"'{c}' closes the '{bracket}' opened on line {openedOn}");
                    state = open.Count == 0 ? State.InValue : open.Peek().Bracket == '[' ? State.InElement : State.InValue;
                    break;
                case '$' when i + 1 < text.Length && text[i + 1] == '{':
                    throw Problem(line, "substitutions '${...}' are not supported: write the value itself");
                case '+' when i + 1 < text.Length && text[i + 1] == '=':
                    throw Problem(line, "'+=' is not supported: write the whole list");
                case 'i' when IsInclude(text, i):
                    throw Problem(line, "'include' is not supported: put the settings in this file");
                case '!' or '@' or '*' or '&' or '^' or '?' or '`' or '\\' or '$':
                    throw Problem(line, $"'{c}' is not allowed outside quotes: put the value in \"...\"");
                default:
                    state = AfterText(state);
                    break;
            }
        }
        if (state == State.Value) throw Problem(line, "a key has '=' or ':' but no value");
        if (state == State.AfterKey) throw Problem(line, "a key has no value");
        if (open.Count > 0)
        {
            var (bracket, openedOn) = open.Peek();
            throw Problem(openedOn, $"'{bracket}' is never closed");
        }

        SettingsException Problem(int at, string problem) => new($"{file}, line {at}: {problem}");
    }

    private static State AfterText(State state) => state switch
    {
        State.Key or State.AfterKey => State.AfterKey,
        State.Value or State.InValue => State.InValue,
        _ => State.InElement,
    };

    /// <summary>Why an opening bracket cannot stand here (Akka's parser loops or misreads the rest), or null.</summary>
    private static string? Misplaced(char bracket, State state, bool atStart) => (bracket, state) switch
    {
        ('{', State.Key) when atStart => null,
        ('{', State.AfterKey or State.Value or State.Element) or ('[', State.Value or State.Element) => null,
        (_, State.Key) => $"'{bracket}' stands where a key belongs: write 'name = {bracket} ... {(bracket == '{' ? '}' : ']')}'",
        ('[', State.AfterKey) => "a list needs '=' before it: 'name = [ ... ]'",
        (_, State.InElement) => $"'{bracket}' follows a list element: separate elements with ',' or a new line",
        _ => $"'{bracket}' follows a value: write one value per key",
    };

    /// <summary><c>include</c> followed by a quoted or <c>required(</c>/<c>file(</c>/... name, wherever it stands (Akka reads it
    /// anywhere).</summary>
    private static bool IsInclude(string text, int at)
    {
        if (string.CompareOrdinal(text, at, "include", 0, 7) != 0) return false;
        var next = at + 7;
        while (next < text.Length && text[next] is ' ' or '\t') next++;
        var rest = text.AsSpan(next);
        return rest.StartsWith("\"") || rest.StartsWith("required(") || rest.StartsWith("file(") || rest.StartsWith("url(")
            || rest.StartsWith("classpath(");
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
