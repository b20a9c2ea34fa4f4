using System.Globalization;
using AkkaTrading.Domain.Inputs;
using AkkaTrading.Domain.Trading;
using CliCommand = System.CommandLine.Command;

namespace AkkaTrading.Console.Cli;

/// <summary><c>quotes --url … --symbol …</c>: the first quotes from a server speaking BitMEX's realtime protocol.</summary>
public static class QuotesCommand
{
    public const string Help = """
        Usage: AkkaTrading.Console quotes --url <ws://host:port/realtime> --symbol <symbol> [--count <n>] [--field <name>]

        Connects to a server speaking BitMEX's realtime WebSocket protocol (an AkkaTrading 'serve', or any
        other), subscribes to instrument:<symbol>, prints the first <n> values of the field in arrival order,
        one per line, and exits 0. Rows without the field are skipped; after 5 s of silence it sends 'ping'.
        A refusal, no answer within 5 s of a ping, or a closed connection is an error (exit code 4).

        Options:
          --url <url>             the server's realtime endpoint, ws:// or wss://
          --symbol <symbol>       the instrument, e.g. XBTUSD
          --count <n>             how many values to print (default 10)
          --field <name>          the instrument field to print (default fairPrice), e.g. lastPrice, markPrice
        """;

    public static CliCommand Create(Dispatch dispatch)
    {
        var url = CliOption.Of<Uri?>("--url", "url", ParseUrl);
        var symbol = CliOption.Of<string?>("--symbol", "symbol", text => ParseName("--symbol", text));
        var count = CliOption.Of<int?>("--count", "n", text => ParseCount(text));
        var field = CliOption.Of<string?>("--field", "name", text => ParseName("--field", text));
        var command = new CliCommand("quotes") { url, symbol, count, field };
        HelpText.AddTo(command, Help);
        command.SetAction((parse, stop) => dispatch(new Command.Quotes(
            parse.GetValue(url) ?? throw new UsageException("quotes needs --url <ws://host:port/realtime>"),
            parse.GetValue(symbol) ?? throw new UsageException("quotes needs --symbol <symbol>, e.g. XBTUSD"),
            parse.GetValue(count) ?? 10, parse.GetValue(field) ?? "fairPrice"), stop));
        return command;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss"
            ? uri
            : throw new UsageException($"--url '{Excerpt.Of(text)}' is not a ws:// or wss:// URL such as ws://127.0.0.1:5080/realtime");

    private static int ParseCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1_000_000
            ? n
            : throw new UsageException($"--count '{Excerpt.Of(text)}' is not a whole number from 1 to 1000000");

    private static string ParseName(string option, string text) => Names.IsValid(text)
        ? text
        : throw new UsageException($"{option} '{Excerpt.Of(text)}' is not a name of {Names.Rule}");
}
