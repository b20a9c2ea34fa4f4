using System.CommandLine;
using System.CommandLine.Parsing;

namespace AkkaTrading.Console.Cli;

/// <summary>
/// Says what System.CommandLine found wrong in this CLI's words: one line naming the first mistake, and what to read.
/// Order: an unknown command, an unknown option, a missing or bad option value, an unexpected argument, a missing argument.
/// </summary>
public static class UsageErrors
{
    public static string? FirstMistake(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        // A first word that is no command stays unmatched at the root; one in brackets would be read as a directive.
        if (parse.Tokens.FirstOrDefault() is { } first && (first.Type == TokenType.Directive
            || command is RootCommand && first.Type == TokenType.Argument && !first.Value.StartsWith('-')))
        {
            var commands = string.Join(", ", parse.RootCommandResult.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return $"unknown command '{first.Value}' (commands: {commands}; see --help)";
        }
        if (parse.Action is HelpText) return null;

        var name = command.Name;
        if (parse.UnmatchedTokens.FirstOrDefault(token => token.StartsWith('-')) is { } option)
            return $"unknown option '{option}' for '{name}' (see '{name} --help')";
        var optionError = parse.Errors.FirstOrDefault(error => error.SymbolResult is OptionResult);
        if (optionError is { SymbolResult: OptionResult bad })
            return bad.Option.Arity.MinimumNumberOfValues > 0 && bad.Tokens.Count == 0
                ? $"option '{bad.Option.Name}' needs a value"
                : optionError.Message; // our own, from CliOption or a validator
        if (parse.UnmatchedTokens.FirstOrDefault() is { } argument)
            return $"unexpected argument '{argument}' for '{name}'";
        var argumentError = parse.Errors.FirstOrDefault(error => error.SymbolResult is ArgumentResult);
        if (argumentError is { SymbolResult: ArgumentResult missing })
            return missing.Tokens.Count == 0
                ? $"'{name}' needs {missing.Argument.Description}: {name} <{missing.Argument.HelpName}>"
                : argumentError.Message;
        return parse.Errors.FirstOrDefault()?.Message;
    }
}
