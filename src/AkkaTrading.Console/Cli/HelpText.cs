using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary>
/// Help is our hand-written text, printed as it is: System.CommandLine's generated help is replaced, so '--help' and '-h'
/// print the text of the command they follow.
/// </summary>
public sealed class HelpText(string text) : SynchronousCommandLineAction
{
    /// <summary>'--help' wins over every other mistake on the line except an unknown command.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parse)
    {
        parse.InvocationConfiguration.Output.WriteLine(text);
        return 0;
    }

    /// <summary>Adds '-h, --help' printing <paramref name="text"/>; it holds for this command only, not for its subcommands.</summary>
    public static void AddTo(CliCommand command, string text) =>
        command.Options.Add(new HelpOption("--help", "-h") { Action = new HelpText(text), Recursive = false });
}
