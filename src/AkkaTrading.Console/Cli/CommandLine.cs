using System.CommandLine;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary>
/// The console's command line on System.CommandLine: <c>[run] [options]</c>, <c>replay &lt;scenario&gt; [options]</c>, <c>help</c>.
/// Commands are registered in <see cref="Build"/>; each one's file declares its options, its help and its action.
/// </summary>
public static class CommandLine
{
    public const string AppHelp = """
        AkkaTrading — an actor-model algorithmic-trading simulator.

        Usage:
          AkkaTrading.Console [run] [options]              live simulation with random-walk prices
          AkkaTrading.Console replay <scenario> [options]  replay a scenario (.csv or .hocon) as fast as possible
          AkkaTrading.Console serve [options]              the live exchange on the network, for remote bots
          AkkaTrading.Console quotes --url <ws://…> --symbol <s>  the first quotes from a BitMEX-protocol server
          AkkaTrading.Console ledger export|verify         a stopped server's ledger: its trades and accounts, checked
          AkkaTrading.Console sweep <scenario> --grid <g>  tune a strategy: every combination of a grid, ranked
          AkkaTrading.Console sweep-node --seed-nodes <a>  a worker node for a sweep on a cluster
          AkkaTrading.Console <command> --help             options of a command

        With no command, 'run' is used: three random-walk sources, an Investor and a Hamster; every
        transaction shows as it happens (a live view in a terminal, log lines otherwise), and a
        per-bot summary at the end.

        Options of every command:
        """ + "\n" + CommonOptionSet.Help;

    // No response files ('@file' is a file name here) and no bundling: the line means what it says.
    private static readonly ParserConfiguration Parsing = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>Parses <paramref name="args"/> and runs the command through <paramref name="dispatch"/>, or prints help.</summary>
    /// <exception cref="UsageException">A mistake on the line, said in one line; nothing has run.</exception>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, Dispatch dispatch, CancellationToken stop)
    {
        var parse = Build(dispatch).Parse(WithDefaultCommand(args), Parsing);
        if (UsageErrors.FirstMistake(parse) is { } mistake) throw new UsageException(mistake);
        // System.CommandLine prints nothing of its own, lets exceptions through to the caller and leaves signals to Program.cs.
        var invocation = new InvocationConfiguration
        {
            Output = output, Error = TextWriter.Null, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, stop);
    }

    /// <summary>Every command, registered here: a new one is a file like <see cref="RunCommand"/> and a line below.</summary>
    public static RootCommand Build(Dispatch dispatch)
    {
        var root = new RootCommand();
        root.Options.Clear(); // its --version, and a --help that would apply to every subcommand
        root.Directives.Clear();
        HelpText.AddTo(root, AppHelp);
        root.Subcommands.Add(RunCommand.Create(dispatch));
        root.Subcommands.Add(ReplayCommand.Create(dispatch));
        root.Subcommands.Add(ServeCommand.Create(dispatch));
        root.Subcommands.Add(QuotesCommand.Create(dispatch));
        root.Subcommands.Add(LedgerCommand.Create(dispatch));
        foreach (var command in SweepCommand.Create(dispatch)) root.Subcommands.Add(command);
        root.Subcommands.Add(HelpCommand());
        return root;
    }

    /// <summary>'help' prints the application's help whatever follows it.</summary>
    private static CliCommand HelpCommand() =>
        new("help") { Hidden = true, TreatUnmatchedTokensAsErrors = false, Action = new HelpText(AppHelp) };

    /// <summary>No command means 'run' ('--duration 5s' runs live); but '--help' without a command is the application's help.</summary>
    private static IReadOnlyList<string> WithDefaultCommand(IReadOnlyList<string> args) =>
        args.Count == 0 || args[0].StartsWith('-') && !args.Any(arg => arg is "--help" or "-h") ? ["run", .. args] : args;
}
