using System.Globalization;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>serve [options]</c>: the live exchange on the network until Ctrl+C.</summary>
public static class ServeCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console serve [options]

        Runs the live simulation (sources, exchange, the configured bots) with no time limit, and the
        gateway: remote bots watch prices and trade over REST, long polling, SSE, WebSocket, gRPC and
        webhooks (akka-trading.gateway; loopback only by default). Ctrl+C stops it and prints the summary.
        The ledger (accounts, orders, fills) is written ahead of every answer (akka-trading.persistence:
        SQLite in the data directory by default) and recovered when the server starts again.

        Options:
          --urls <url[;url]>      where the HTTP API listens (default http://127.0.0.1:5080)
          --grpc-url <url>        where the gRPC service listens (default http://127.0.0.1:5081)
          --scenario <file>       prices from a scenario (.csv or .hocon), played at --speed, instead of the sources
          --speed <steps/s>       with --scenario: steps per second (default 10)
          --data-dir <dir>        where the SQLite ledger is kept (default akka-trading-data; created if missing)
        """ + "\n" + CommonOptionSet.Help;

    public static CliCommand Create(Dispatch dispatch)
    {
        var urls = CliOption.Text("--urls", "url[;url]");
        var grpcUrl = CliOption.Text("--grpc-url", "url");
        var scenario = CliOption.Text("--scenario", "file");
        var speed = CliOption.Of<double?>("--speed", "steps/s", ParseSpeed);
        var dataDir = CliOption.Text("--data-dir", "dir");
        var common = new CommonOptionSet();
        var command = new CliCommand("serve") { urls, grpcUrl, scenario, speed, dataDir };
        common.AddTo(command);
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) =>
        {
            if (parse.GetValue(speed) is not null
                && parse.GetValue(scenario) is null) throw new UsageException("--speed only applies with --scenario <file>");
            var list = parse.GetValue(urls)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return dispatch(new Command.Serve(common.Read(parse), list, parse.GetValue(grpcUrl), parse.GetValue(scenario),
                parse.GetValue(speed) ?? 10, parse.GetValue(dataDir)), stop);
        });
        return command;
    }

    private static double? ParseSpeed(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 100_000
            ? value
            : throw new UsageException($"--speed '{text}' is not a number of steps per second from above 0 to 100000");
}
