using System.CommandLine;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>replay &lt;scenario&gt; [options]</c>: a scenario replayed as fast as possible, optionally writing the trade log.</summary>
public static class ReplayCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console replay <scenario.csv|scenario.hocon> [options]

        Replays a scenario as fast as the machine allows. The same scenario and configuration give
        the same trades on every run. The scenario is checked whole before anything is replayed.
        Ctrl+C (or SIGTERM, SIGHUP) stops the replay; then nothing is written and the exit code is 130.
          .csv     header 'step,asset,price'; step whole and non-decreasing; price positive, '.' decimal
          .hocon   scripted: per asset a start price and segments (see hocon/scenarios/)

        Options:
          --trades <out.csv>      write the trade log (step,bot,side,asset,quantity,price,fee); moved into
                                  place only when the replay has finished, never onto an input
        """ + "\n" + CommonOptionSet.Help;

    public static CliCommand Create(Dispatch dispatch)
    {
        // Description and HelpName make the message when it is missing: 'replay' needs a scenario file: replay <...>
        var scenario = new Argument<string>("scenario") { Description = "a scenario file", HelpName = "scenario.csv|scenario.hocon" };
        var trades = CliOption.Text("--trades", "out.csv");
        var common = new CommonOptionSet();
        var command = new CliCommand("replay") { scenario, trades };
        common.AddTo(command);
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) =>
            dispatch(new Command.Replay(common.Read(parse), parse.GetValue(scenario)!, parse.GetValue(trades)), stop));
        return command;
    }
}
