using AkkaTrading.Console.Cli;
using Serilog.Events;

namespace AkkaTrading.Console.Tests;

/// <summary>How a command line is read: what each form means, the help printed as written, and each mistake in one line.</summary>
public sealed class CommandLineTests
{
    private static readonly CommonOptions Defaults = new(null, LogEventLevel.Information, null);

    /// <summary>The command the line asks for, without running it.</summary>
    private static async Task<Command> Parsed(params string[] args)
    {
        Command? parsed = null;
        var exit = await CommandLine.InvokeAsync(args, TextWriter.Null, (command, _) =>
        {
            parsed = command;
            return Task.FromResult(0);
        }, CancellationToken.None);
        Assert.Equal(0, exit);
        return Assert.IsAssignableFrom<Command>(parsed);
    }

    private static async Task<string> FailsWith(params string[] args)
    {
        var result = await AppRun.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        return result.Error.TrimEnd();
    }

    [Fact]
    public async Task No_command_means_run() =>
        Assert.Equal(new Command.Run(Defaults, TimeSpan.FromSeconds(5)), await Parsed("--duration", "5s"));

    [Fact]
    public async Task Options_may_come_before_or_after_the_scenario()
    {
        var expected = new Command.Replay(Defaults with { ConfigFile = "c.hocon" }, "s.csv", "t.csv");
        Assert.Equal(expected, await Parsed("replay", "s.csv", "--trades", "t.csv", "--config", "c.hocon"));
        Assert.Equal(expected, await Parsed("replay", "--trades", "t.csv", "s.csv", "--config", "c.hocon"));
        Assert.Equal(expected, await Parsed("replay", "--config", "c.hocon", "--trades", "t.csv", "s.csv"));
    }

    [Fact]
    public async Task Every_option_reaches_the_command()
    {
        var common = new CommonOptions("c.hocon", LogEventLevel.Warning, "log.txt", new ReportOptions("out", Force: true), Plain: true);
        Assert.Equal(new Command.Run(common, TimeSpan.FromMilliseconds(500)),
            await Parsed("run", "--config", "c.hocon", "--log-level", "warn", "--log-file", "log.txt", "--report", "out", "--force",
                "--plain", "--duration", "500ms"));
        Assert.Equal(new Command.Replay(Defaults with { Report = new ReportOptions("out", Force: false) }, "s.hocon", null),
            await Parsed("replay", "s.hocon", "--report", "out"));
    }

    [Theory]
    [InlineData("verbose", LogEventLevel.Verbose)]
    [InlineData("debug", LogEventLevel.Debug)]
    [InlineData("info", LogEventLevel.Information)]
    [InlineData("Information", LogEventLevel.Information)]
    [InlineData("warning", LogEventLevel.Warning)]
    [InlineData("ERROR", LogEventLevel.Error)]
    public async Task Log_levels_have_short_names_and_ignore_case(string text, LogEventLevel level) =>
        Assert.Equal(level, ((Command.Run)await Parsed("--log-level", text)).Common.LogLevel);

    [Fact]
    public async Task A_value_may_follow_an_equals_sign() =>
        Assert.Equal(new Command.Replay(Defaults with { ConfigFile = "c.hocon" }, "s.csv", "t.csv"),
            await Parsed("replay", "s.csv", "--config=c.hocon", "--trades=t.csv"));

    [Fact]
    public async Task The_last_of_a_repeated_option_wins()
    {
        var run = (Command.Run)await Parsed(
            "--config", "a.hocon", "--log-level", "error", "--plain", "--config", "b.hocon", "--log-level", "debug", "--plain");
        Assert.Equal(new CommonOptions("b.hocon", LogEventLevel.Debug, null, Plain: true), run.Common);
    }

    [Fact]
    public async Task A_double_dash_ends_the_options() =>
        Assert.Equal("-odd.csv", ((Command.Replay)await Parsed("replay", "--", "-odd.csv")).Scenario);

    [Fact]
    public async Task An_empty_value_is_kept_for_the_output_checks_to_refuse() =>
        Assert.Equal("", ((Command.Replay)await Parsed("replay", "s.csv", "--trades", "")).TradesFile);

    [Fact]
    public async Task An_at_sign_is_a_file_name_not_a_response_file() =>
        Assert.Equal("@s.csv", ((Command.Replay)await Parsed("replay", "@s.csv")).Scenario);

    [Theory]
    [InlineData(new[] { "--help" }, CommandLine.AppHelp)]
    [InlineData(new[] { "-h" }, CommandLine.AppHelp)]
    [InlineData(new[] { "help" }, CommandLine.AppHelp)]
    [InlineData(new[] { "help", "run", "--bogus" }, CommandLine.AppHelp)]
    [InlineData(new[] { "--duration", "5s", "--help" }, CommandLine.AppHelp)]
    [InlineData(new[] { "run", "--help" }, RunCommand.Help)]
    [InlineData(new[] { "run", "--speed", "-h" }, RunCommand.Help)]
    [InlineData(new[] { "replay", "--help" }, ReplayCommand.Help)]
    [InlineData(new[] { "replay", "s.csv", "x", "-h" }, ReplayCommand.Help)]
    public async Task Help_is_our_text_exactly_and_wins_over_other_mistakes(string[] args, string help)
    {
        var result = await AppRun.RunAsync(args);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(help + Environment.NewLine, result.Output);
        Assert.Equal("", result.Error);
    }

    [Theory]
    [InlineData(new[] { "trade", "--help" },
        "error: unknown command 'trade' (commands: run, replay, serve, quotes, ledger, sweep, sweep-node; see --help)")]
    [InlineData(new[] { "[diagram]", "run" },
        "error: unknown command '[diagram]' (commands: run, replay, serve, quotes, ledger, sweep, sweep-node; see --help)")]
    [InlineData(new[] { "--version" }, "error: unknown option '--version' for 'run' (see 'run --help')")]
    [InlineData(new[] { "run", "-?" }, "error: unknown option '-?' for 'run' (see 'run --help')")]
    [InlineData(new[] { "replay", "s.csv", "--duration", "5s" }, "error: unknown option '--duration' for 'replay' (see 'replay --help')")]
    [InlineData(new[] { "run", "--trades", "t.csv" }, "error: unknown option '--trades' for 'run' (see 'run --help')")]
    [InlineData(new[] { "run", "--config", "--plain" }, "error: option '--config' needs a value")]
    [InlineData(new[] { "run", "--config", "a.hocon", "--config" }, "error: option '--config' needs a value")]
    [InlineData(new[] { "replay", "s.csv", "--trades" }, "error: option '--trades' needs a value")]
    [InlineData(new[] { "run", "--duration" }, "error: option '--duration' needs a value")]
    [InlineData(new[] { "run", "--duration", "0s" },
        "error: --duration '0s' is not a duration longer than zero and at most 30d, such as 200ms, 30s or 2m")]
    [InlineData(new[] { "run", "--plain", "false" }, "error: unexpected argument 'false' for 'run'")]
    [InlineData(new[] { "run", "help" }, "error: unexpected argument 'help' for 'run'")]
    [InlineData(new[] { "--config", "c.hocon", "replay", "s.csv" }, "error: unexpected argument 'replay' for 'run'")]
    [InlineData(new[] { "replay", "s.csv", "x" }, "error: unexpected argument 'x' for 'replay'")]
    [InlineData(new[] { "replay", "--trades", "t.csv" },
        "error: 'replay' needs a scenario file or --data: replay <scenario.csv|scenario.hocon>")]
    [InlineData(new[] { "run", "--force" }, "error: --force only applies with --report <dir>")]
    public async Task Each_mistake_is_one_line(string[] args, string message) =>
        Assert.Equal(message, await FailsWith(args));

    [Fact]
    public async Task Nothing_runs_on_a_mistake_or_on_help()
    {
        var ran = false;
        string[][] lines = [["run", "--speed"], ["replay"], ["--help"], ["replay", "-h"]];
        foreach (var args in lines)
        {
            try
            {
                await CommandLine.InvokeAsync(args, TextWriter.Null, (_, _) =>
                {
                    ran = true;
                    return Task.FromResult(0);
                }, CancellationToken.None);
            }
            catch (UsageException)
            {
            }
        }
        Assert.False(ran);
    }
}
