using System.CommandLine;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>replay &lt;scenario&gt; [options]</c>: a scenario replayed as fast as possible, optionally writing the trade log.</summary>
public static class ReplayCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console replay <scenario.csv|scenario.hocon> [options]
               AkkaTrading.Console replay --data ASSET=FILE [--data ASSET=FILE ...] [--format yahoo|generic] [options]

        Replays a scenario as fast as the machine allows. The same scenario and configuration give
        the same trades on every run. The scenario is checked whole before anything is replayed.
        Ctrl+C (or SIGTERM, SIGHUP) stops the replay; then nothing is written and the exit code is 130.
          .csv     header 'step,asset,price'; step whole and non-decreasing; price positive, '.' decimal
          .hocon   scripted: per asset a start price and segments (see hocon/scenarios/);
                   or market data: data { assets = [ { asset, file, format, price, ... } ] }

        Options:
          --data <ASSET=FILE>     replay market data: one CSV per asset, aligned by date (repeat for
                                  more assets; they are delivered in the order given)
          --format <format>       of the --data files: yahoo (Yahoo Finance's download, the Close
                                  column; the default) or generic (columns time and price, ISO 8601)
          --trades <out.csv>      write the trade log (step,bot,side,asset,quantity,price,fee, and time for
                                  market data); moved into place only when the replay has finished, never
                                  onto an input
        """ + "\n" + CommonOptionSet.Help;

    public static CliCommand Create(Dispatch dispatch)
    {
        var scenario = new Argument<string?>("scenario")
        {
            Description = "a scenario file", HelpName = "scenario.csv|scenario.hocon", Arity = ArgumentArity.ZeroOrOne,
        };
        var trades = CliOption.Text("--trades", "out.csv");
        var data = DataOption();
        var format = CliOption.Of("--format", "yahoo|generic", text => text is "yahoo" or "generic" ? text
            : throw new UsageException($"--format '{text}' is not a format of market data: use yahoo or generic"));
        var common = new CommonOptionSet();
        var command = new CliCommand("replay") { scenario, trades, data, format };
        common.AddTo(command);
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) =>
        {
            var files = parse.GetValue(data) ?? [];
            if (parse.GetValue(scenario) is { } given && files.Count > 0)
                throw new UsageException($"'replay' takes a scenario file or --data, not both ('{given}' and --data)");
            if (parse.GetValue(scenario) is null && files.Count == 0)
                throw new UsageException("'replay' needs a scenario file or --data: replay <scenario.csv|scenario.hocon>");
            if (files.Count == 0 && parse.GetValue(format) is not null) throw new UsageException("--format only applies with --data");
            var duplicate = files.GroupBy(f => f.Asset).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new UsageException($"--data names asset '{duplicate.Key}' twice");
            return dispatch(new Command.Replay(common.Read(parse), parse.GetValue(scenario), parse.GetValue(trades))
            {
                Data = files, Format = parse.GetValue(format) ?? "yahoo",
            }, stop);
        });
        return command;
    }

    /// <summary><c>--data ASSET=FILE</c>, repeated: every occurrence is kept, in the order given.</summary>
    private static Option<IReadOnlyList<DataFile>> DataOption() => new("--data")
    {
        HelpName = "ASSET=FILE",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            var files = new List<DataFile>();
            foreach (var token in result.Tokens)
            {
                var at = token.Value.IndexOf('=');
                var asset = at > 0 ? token.Value[..at] : "";
                if (token.Value.StartsWith("--") || !Domain.Trading.Names.IsValid(asset) || at == token.Value.Length - 1)
                {
                    result.AddError($"--data '{token.Value}' is not ASSET=FILE (an asset name of {Domain.Trading.Names.Rule}, then " +
                        "'=' and the file)");
                    return [];
                }
                files.Add(new DataFile(asset, token.Value[(at + 1)..]));
            }
            return files;
        },
    };
}
