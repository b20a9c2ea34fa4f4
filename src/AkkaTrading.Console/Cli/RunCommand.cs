using AkkaTrading.Engine.Settings;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>run [options]</c>: the live simulation; also what a command line without a command runs.</summary>
public static class RunCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console run [options]

        Runs the live simulation: one paced random-walk source per configured asset
        (akka-trading.sources), the configured bots, transactions shown as they happen.
        Stops after akka-trading.live.duration (default 20s) or on Ctrl+C, then prints per bot:
        cash, positions, equity at the last prices, profit/loss, trades, round trips, drawdown, exposure.

        Options:
          --duration <time>       how long to run, e.g. 10s, 500ms, 2m (overrides akka-trading.live.duration)
        """ + "\n" + CommonOptionSet.Help;

    public static CliCommand Create(Dispatch dispatch)
    {
        var duration = CliOption.Of<TimeSpan?>("--duration", "time", ParseDuration);
        var common = new CommonOptionSet();
        var command = new CliCommand("run") { duration };
        common.AddTo(command);
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) => dispatch(new Command.Run(common.Read(parse), parse.GetValue(duration)), stop));
        return command;
    }

    private static TimeSpan? ParseDuration(string text) => Durations.TryParse(text, out var value)
        ? value
        : throw new UsageException($"--duration '{text}' is not {Durations.Rule}");
}
