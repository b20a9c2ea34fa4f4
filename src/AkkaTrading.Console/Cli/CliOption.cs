using System.CommandLine;
using System.CommandLine.Parsing;

namespace AkkaTrading.Console.Cli;

/// <summary>
/// Options read the way this CLI always read them: a value follows its option (or '=' or ':' joins them), the last one given
/// wins, and a value that starts with '--' means the value was forgotten (System.CommandLine would take it as the value).
/// </summary>
public static class CliOption
{
    public static Option<string?> Text(string name, string helpName) => Of<string?>(name, helpName, text => text);

    /// <summary>An option whose value <paramref name="parse"/> converts; its <see cref="UsageException"/> is the error shown.</summary>
    public static Option<T> Of<T>(string name, string helpName, Func<string, T> parse) => new(name)
    {
        HelpName = helpName,
        // One value per occurrence (AllowMultipleArgumentsPerToken is off), so 'OneOrMore' only lets the option repeat.
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            // '--config a --config' leaves the last occurrence without a value; System.CommandLine would keep 'a'.
            if (text.StartsWith("--") || result.Parent is OptionResult { IdentifierTokenCount: var given } && given > result.Tokens.Count)
            {
                result.AddError($"option '{name}' needs a value");
                return default!;
            }
            try
            {
                return parse(text);
            }
            catch (UsageException e)
            {
                result.AddError(e.Message);
                return default!;
            }
        },
    };

    /// <summary>A switch: present or not; it takes no value, so '--plain false' is an unexpected argument.</summary>
    public static Option<bool> Flag(string name) => new(name) { Arity = ArgumentArity.Zero };
}
