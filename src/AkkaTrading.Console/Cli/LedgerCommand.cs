using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>ledger export|verify</c>: a stopped server's ledger, read from its first event.</summary>
public static class LedgerCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console ledger export [--data-dir <dir>] [--format csv|json] [--out <file>] [--config <file.hocon>]
               AkkaTrading.Console ledger verify [--data-dir <dir>] [--config <file.hocon>]

        Reads the ledger a stopped 'serve' wrote (akka-trading.persistence: the SQLite file in the data
        directory, or the configured PostgreSQL database), every event from the first.
          export   the trade log (the columns of --trades, then seq, time and client_order_id) and the
                   accounts. csv: the trades to --out (or stdout) and the accounts beside it
                   (<name>.accounts.csv); json: one document with both.
          verify   checks event by event that every order has one outcome, that each fill's cash
                   after it is what the fills give, and that money is conserved; names the first event
                   where it is not (exit code 2).

        Options:
          --data-dir <dir>        the server's data directory (default: akka-trading.persistence.data-dir)
          --format <csv|json>     export only: the output format (default csv)
          --out <file>            export only: write here instead of stdout
          --config <file.hocon>   the configuration the server ran with (for PostgreSQL)
          -h, --help              show help
        """;

    public static CliCommand Create(Dispatch dispatch)
    {
        var command = new CliCommand("ledger");
        HelpText.AddTo(command, Help);
        command.Subcommands.Add(Export(dispatch));
        command.Subcommands.Add(Verify(dispatch));
        command.SetAction((_, _) => throw new UsageException("ledger needs a subcommand: export or verify (see ledger --help)"));
        return command;
    }

    private static CliCommand Export(Dispatch dispatch)
    {
        var (dataDir, config) = (CliOption.Text("--data-dir", "dir"), CliOption.Text("--config", "file.hocon"));
        var format = CliOption.Of<string?>("--format", "csv|json", text => text is "csv" or "json" ? text
            : throw new UsageException($"--format '{text}' is neither csv nor json"));
        var output = CliOption.Text("--out", "file");
        var command = new CliCommand("export") { dataDir, config, format, output };
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) => dispatch(new Command.LedgerExport(parse.GetValue(dataDir), parse.GetValue(config),
            parse.GetValue(format) ?? "csv", parse.GetValue(output)), stop));
        return command;
    }

    private static CliCommand Verify(Dispatch dispatch)
    {
        var (dataDir, config) = (CliOption.Text("--data-dir", "dir"), CliOption.Text("--config", "file.hocon"));
        var command = new CliCommand("verify") { dataDir, config };
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) => dispatch(new Command.LedgerVerify(parse.GetValue(dataDir), parse.GetValue(config)), stop));
        return command;
    }
}
