using CsCheck;

namespace AkkaTrading.Tests.Shared;

/// <summary>
/// Hostile inputs for the readers: random text and mutations of real files (lines deleted, duplicated or
/// swapped; fragments that have crashed parsers inserted), and a guard that a read ends in time and memory.
/// Linked into each test project that needs it. Iterations default to CsCheck's 100 (CsCheck_Iter overrides).
/// </summary>
public static class GeneratedInputs
{
    private static readonly string[] Fragments =
    [
        "${", "${?", "${x}", "${?x}", "${a.b}", "include ", "include \"x\"", "{", "}", "[", "]", "\"", "\"\"\"", "=", ":", "+=",
        ",", ".", "..", "$", "\\", "#", "//", "\n", "\r", "\r\n", "\t", "\0", "\u001b[31m", "\u0085", "\u2028", "\uFEFF", "\ud800",
        "99999999999999999999999999999999", "-99999999999999999999", "1e400", "7.9e28", "-0", "0", "-1", "1.5", "2147483648",
        "NaN", "Infinity", "true", "null", "10s", "99999h", "akka.actor.provider = cluster", "a = b", "x { }", "[ ]", "step,asset,price",
        "0,ALFA,1", "?", "\u00e9", "ALFA", new string('k', 300), new string('[', 40), new string('{', 40),
    ];

    public static readonly Gen<string> Fragment = Gen.OneOf<string>(Gen.OneOf(Fragments), Gen.String[0, 12],
        Gen.Char.Select(c => c.ToString()));

    private static readonly Gen<(int Kind, int At, int Other, string Text)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 100_000], Gen.Int[0, 100_000], Fragment);

    /// <summary>Up to <paramref name="most"/> mutations applied to <paramref name="original"/>.</summary>
    public static Gen<string> Mutated(string original, int most = 6) =>
        Mutation.Array[1, most].Select(mutations => mutations.Aggregate(original, Apply));

    /// <summary>Random text, made mostly of fragments so that it reaches past the first check.</summary>
    public static readonly Gen<string> Random = Gen.OneOf(Gen.String, Fragment.Array[0, 30].Select(parts => string.Concat(parts)));

    private static string Apply(string text, (int Kind, int At, int Other, string Text) m)
    {
        var lines = text.Split('\n').ToList();
        int i = m.At % lines.Count, j = m.Other % lines.Count;
        switch (m.Kind)
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.Insert(i, lines[i]); break;
            case 2: (lines[i], lines[j]) = (lines[j], lines[i]); break;
            case 3: return text.Insert(m.At % (text.Length + 1), m.Text);
            default: // overwrite
                var at = m.At % (lines[i].Length + 1);
                lines[i] = lines[i][..at] + m.Text + lines[i][Math.Min(lines[i].Length, at + m.Text.Length)..];
                break;
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on its own thread: it must end within the time limit, allocate less than
    /// the memory limit, and throw nothing but <typeparamref name="TError"/>.
    /// </summary>
    public static void EndsCleanly<TError>(string input, Action<string> read, double seconds = 10, long maxBytes = 256L << 20)
        where TError : Exception
    {
        var run = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try { read(input); }
            catch (TError) { }
            catch (Exception e) { throw new InvalidOperationException($"the read threw {e.GetType().Name} on: {Quote(input)}", e); }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }, TaskCreationOptions.LongRunning);
        if (!run.Wait(TimeSpan.FromSeconds(seconds)))
            throw new TimeoutException($"the read did not end within {seconds} s on: {Quote(input)}");
        if (run.Result > maxBytes) throw new InsufficientMemoryException($"the read allocated {run.Result >> 20} MB on: {Quote(input)}");
    }

    /// <summary>The input as a C# literal, so that a failure can be pasted into a test.</summary>
    public static string Quote(string input) =>
        "\"" + string.Concat(input.Select(c => c switch
        {
            '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
            _ when c < ' ' || c > '~' => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\"";
}
